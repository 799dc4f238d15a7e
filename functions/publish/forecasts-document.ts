import * as z from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** One completion forecast: for a project, a PM's projects together, or a portfolio. */
export const ForecastSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** `ok`: forecast made; `done`: nothing open; `insufficient_history`: too little throughput to resample. */
  status: z.enum(['ok', 'done', 'insufficient_history']),
  reason: z.string().optional(),
  remaining: z.number().int().nonnegative(),
  /** Items done per week over the history window, oldest first: the sample the trials draw from. */
  weeklyThroughput: z.array(z.number().int().nonnegative()),
  /** Completion dates at 50 %, 85 % and 95 % confidence (null beyond the horizon or when not `ok`). */
  p50: isoDate.nullable(),
  p85: isoDate.nullable(),
  p95: isoDate.nullable(),
  /** The project's due date, or the latest due date of its tasks. */
  dueOn: isoDate.nullable(),
  /** Share of trials finishing on or before dueOn; null without a due date or a forecast. */
  probabilityByDue: z.number().min(0).max(1).nullable(),
  /** Cumulative share of trials finished by each week's end, up to the 99th percentile. */
  distribution: z.array(z.object({ date: isoDate, cumulative: z.number() })),
  pmId: z.string().nullable().optional(),
  portfolio: z.string().nullable().optional(),
});

export const ForecastsDocSchema = z.object({
  schemaVersion: z.literal(1),
  asOf: isoDate,
  settings: z.object({ trials: z.number().int().positive(), historyWeeks: z.number().int().positive(), seed: z.number().int(), minDone: z.number().int() }),
  projects: z.array(ForecastSchema),
  managers: z.array(ForecastSchema),
  portfolios: z.array(ForecastSchema),
});

export type Forecast = z.infer<typeof ForecastSchema>;
export type ForecastsDoc = z.infer<typeof ForecastsDocSchema>;
