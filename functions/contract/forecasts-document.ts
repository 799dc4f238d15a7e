import * as z from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * One completion forecast: for a project, a PM's projects together, or a portfolio. A roll-up (PM,
 * portfolio) finishes in each trial when its last project does, so its dates are never before any
 * of its projects'; see docs/forecasts.md, "Roll-ups".
 */
export const ForecastSchema = z.object({
  id: z.string(),
  name: z.string(),
  /**
   * `ok`: forecast made; `done`: nothing open; `insufficient_history`: too little throughput to
   * resample (a roll-up: none of its projects with open work can be forecast).
   */
  status: z.enum(['ok', 'done', 'insufficient_history']),
  /** Why there is no forecast; on an `ok` roll-up, which projects it leaves out. */
  reason: z.string().optional(),
  /** Open work in the document's `unit`: tasks not done by as-of, or the story points of those that have them. */
  remaining: z.number().nonnegative(),
  /** Work done per week over the history window in the document's `unit`, oldest first: the sample the trials draw from. */
  weeklyThroughput: z.array(z.number().nonnegative()),
  /** Unit `points` only: open tasks without story points, left out of `remaining`. */
  unpointedOpen: z.number().int().nonnegative().optional(),
  /** Unit `points` only: tasks done in the history weeks without story points, left out of `weeklyThroughput`. */
  unpointedDone: z.number().int().nonnegative().optional(),
  /** Unit `points` only: unpointedOpen ÷ all open tasks; null with nothing open. */
  unpointedShare: z.number().min(0).max(1).nullable().optional(),
  /** Completion dates at 50 %, 85 % and 95 % confidence (null beyond the horizon or when not `ok`). */
  p50: isoDate.nullable(),
  p85: isoDate.nullable(),
  p95: isoDate.nullable(),
  /** The latest due date of the project's tasks; for a roll-up, the latest of its projects'. */
  dueOn: isoDate.nullable(),
  /**
   * Share of trials finishing on or before dueOn; null without a due date or a forecast. For a
   * roll-up: share of trials in which every project with a due date finished by its own.
   */
  probabilityByDue: z.number().min(0).max(1).nullable(),
  /** Cumulative share of trials finished by each week's end, up to the 99th percentile. */
  distribution: z.array(z.object({ date: isoDate, cumulative: z.number() })),
  pmId: z.string().nullable().optional(),
  portfolio: z.string().nullable().optional(),
  /** Roll-ups only: projects with open work that cannot be forecast, left out of dates and chance. */
  excluded: z.array(z.object({ id: z.string(), name: z.string(), reason: z.string() })).optional(),
});

export const ForecastsDocSchema = z.object({
  schemaVersion: z.literal(1),
  asOf: isoDate,
  settings: z.object({ trials: z.number().int().positive(), historyWeeks: z.number().int().positive(), seed: z.number().int(), minDone: z.number().int() }),
  /** What `remaining` and `weeklyThroughput` count (config `kpi.unit`): tasks, or story points. Absent in older snapshots: items. */
  unit: z.enum(['items', 'points']).optional(),
  projects: z.array(ForecastSchema),
  managers: z.array(ForecastSchema),
  portfolios: z.array(ForecastSchema),
});

export type Forecast = z.infer<typeof ForecastSchema>;
export type ForecastsDoc = z.infer<typeof ForecastsDocSchema>;
