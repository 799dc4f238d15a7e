import * as z from 'zod';

/**
 * What a Linear sync hands the next one: the instant it began, read next time as "issues updated
 * after" (so whatever changed while it ran is read again). Teams, people and projects are few and
 * listed whole every sync. Deletions need no listing of known ids: Linear keeps a deleted issue in
 * its trash (`trashed: true`, its `updatedAt` moved) for 30 days, and `includeArchived` lists it
 * among the changes, so a sync at least that often sees every deletion.
 */
export const LinearStateSchema = z.object({
  v: z.literal(1),
  updatedSince: z.iso.datetime({ offset: true }),
});
export type LinearState = z.output<typeof LinearStateSchema>;

/**
 * Where an unfinished read goes on: the issue listing's next page (a Relay cursor), with the
 * window the read fixed when it began. Teams, people and projects come before the first
 * checkpoint, so a resumed read starts with issues.
 */
export const LinearCheckpointSchema = z.object({
  v: z.literal(1),
  startedAt: z.iso.datetime({ offset: true }),
  /** The read's "updated after"; absent: every issue. */
  updatedSince: z.iso.datetime({ offset: true }).optional(),
  /** The issue page to read next. */
  after: z.string(),
});
export type LinearCheckpoint = z.output<typeof LinearCheckpointSchema>;

export const noHoursReason = 'Linear has no time tracking and the source names no timesheet source (timesheetSource): its hours are unavailable';

/** Linear's estimate is points whatever the team's scale: nothing gives a task's planned hours. */
export const noHourEstimatesReason = 'Linear estimates are points, not hours: no cost baseline';
