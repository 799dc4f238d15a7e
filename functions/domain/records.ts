import * as z from 'zod';

/**
 * The domain layer: every record a connector produces, whatever the source.
 * Everything after the connectors (store, KPI engine, publisher) reads only these shapes.
 * Ids are `<source name>:<source id>` so two sources never collide; the source's own
 * values are kept beside the normalised ones (status and originalStatus).
 */

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const isoDateTime = z.iso.datetime({ offset: true });

const sourced = {
  /** `<source name>:<source id>`, unique across all sources. */
  id: z.string().min(1),
  /** The configured source name (e.g. "jira-main"), not its type. */
  source: z.string().min(1),
  /** The record's id in the source system (Jira issue id, Asana gid, CSV row key). */
  sourceId: z.string().min(1),
};

export const PersonSchema = z.object({
  ...sourced,
  name: z.string(),
  email: z.string().optional(),
  /** False when the source shows the account as deactivated or deleted (Jira's "Former user"). */
  active: z.boolean().optional(),
});

export const ProjectSchema = z.object({
  ...sourced,
  key: z.string().optional(),
  name: z.string(),
  /** Person id of the project's manager as the source names it: the Jira project lead, the Asana project owner. */
  pmId: z.string().optional(),
  /** Person id in the source's configured PM field on the project itself (an Asana people field). */
  pmFieldId: z.string().optional(),
  /** Which rule decided `pmId` (functions/kpi/ownership/); set at compute time, never by a connector. */
  pmFrom: z.string().optional(),
  /** Portfolio name: Jira project category, Asana portfolio. */
  portfolio: z.string().optional(),
  /** Words the theme rules match against: labels, components, custom-field values. */
  tags: z.array(z.string()).default([]),
  updatedAt: isoDateTime.optional(),
});

export const TaskStatus = z.enum(['todo', 'in_progress', 'done']);

/**
 * Which rule dated a done task's `doneAt` (Jira): the resolution date; else the last move into a
 * done-category status in the changelog (workflows that never set a resolution); else the
 * source's `statuscategorychangedate`. Absent where the source has one completion time (Asana).
 */
export const DoneFrom = z.enum(['resolution', 'changelog', 'statusCategoryChange']);

/** One change of a task's due date in the source's history; an absent side means no due date. */
export const DueChangeSchema = z.object({ at: isoDateTime, from: isoDate.optional(), to: isoDate.optional() });
/** One change of a task's original estimate, in hours; an absent side means no estimate. */
export const EstimateChangeSchema = z.object({ at: isoDateTime, fromHours: z.number().nonnegative().optional(), toHours: z.number().nonnegative().optional() });

export const TaskSchema = z.object({
  ...sourced,
  projectId: z.string().min(1),
  title: z.string(),
  type: z.string().optional(),
  status: TaskStatus,
  originalStatus: z.string(),
  assigneeId: z.string().optional(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  dueOn: isoDate.optional(),
  /** First move into an in-progress status, where the source tells it. */
  startedAt: isoDateTime.optional(),
  doneAt: isoDateTime.optional(),
  doneFrom: DoneFrom.optional(),
  /** Due-date changes from the source's history, oldest first: the baseline and re-plans are read from them. */
  dueChanges: z.array(DueChangeSchema).optional(),
  /** Original-estimate changes from the source's history, oldest first. */
  estimateChanges: z.array(EstimateChangeSchema).optional(),
  estimateHours: z.number().nonnegative().optional(),
  spentHours: z.number().nonnegative().optional(),
  storyPoints: z.number().nonnegative().optional(),
  parentId: z.string().optional(),
  /** Person id in the source's configured PM field on this task (a Jira user-picker field). */
  pmFieldId: z.string().optional(),
  tags: z.array(z.string()).default([]),
});

export const TimeEntrySchema = z.object({
  ...sourced,
  taskId: z.string().optional(),
  projectId: z.string().min(1),
  personId: z.string().min(1),
  /** The day the work was done, in the source's own calendar. */
  date: isoDate,
  /**
   * When the work started, where the source says (Jira worklog `started`), with the source's
   * offset. With `kpi.timeZone` the entry's day is this instant's day in that zone, else `date`.
   */
  startedAt: isoDateTime.optional(),
  hours: z.number().nonnegative(),
  updatedAt: isoDateTime.optional(),
});

/** One move of a task from one status to another, from the source's history (Jira changelog). */
export const StatusChangeSchema = z.object({
  ...sourced,
  taskId: z.string().min(1),
  at: isoDateTime,
  fromStatus: z.string().optional(),
  toStatus: z.string(),
  /** The normalised statuses on either side, so KPIs never read source status names. */
  from: TaskStatus.optional(),
  to: TaskStatus,
});

export type Person = z.infer<typeof PersonSchema>;
export type StatusChange = z.infer<typeof StatusChangeSchema>;
export type Project = z.infer<typeof ProjectSchema>;
export type Task = z.infer<typeof TaskSchema>;
export type TimeEntry = z.infer<typeof TimeEntrySchema>;
export type TaskStatusValue = z.infer<typeof TaskStatus>;
export type DoneFromValue = z.infer<typeof DoneFrom>;
export type DueChange = z.infer<typeof DueChangeSchema>;
export type EstimateChange = z.infer<typeof EstimateChangeSchema>;

/** The kinds of record the store keeps, by name. */
export const recordSchemas = {
  person: PersonSchema,
  project: ProjectSchema,
  task: TaskSchema,
  timeEntry: TimeEntrySchema,
  statusChange: StatusChangeSchema,
} as const;

export type RecordKind = keyof typeof recordSchemas;
export type RecordOf<K extends RecordKind> = z.infer<(typeof recordSchemas)[K]>;
export const recordKinds = Object.keys(recordSchemas) as RecordKind[];

/** A record that failed validation or mapping, kept with its reason instead of being dropped. */
export const QuarantineEntrySchema = z.object({
  source: z.string(),
  kind: z.string(),
  recordId: z.string(),
  reason: z.string(),
  raw: z.unknown(),
  at: isoDateTime,
});
export type QuarantineEntry = z.infer<typeof QuarantineEntrySchema>;

export function recordId(source: string, sourceId: string): string {
  return `${source}:${sourceId}`;
}
