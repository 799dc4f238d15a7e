import * as z from 'zod';
import { HttpError } from '../kit/errors.ts';
import type { Logger } from '../kit/connector.ts';
import type { AsanaClient, OffsetPage } from './client.ts';

/**
 * Where an unfinished Asana read goes on (kit/checkpoint.ts): the projects whose tasks are still
 * to read, the first one from the offset of its next page. People, portfolios and projects are
 * read before the first checkpoint, so a resumed read starts with tasks. The read keeps its start
 * (the next `modified_since`, so what changes while it spans runs is read by the next sync), its
 * choice of a full or an incremental listing, and the task gids it has listed (deletions are
 * judged on the whole listing).
 */
export const AsanaCheckpointSchema = z.object({
  v: z.literal(1),
  startedAt: z.iso.datetime({ offset: true }),
  /** The read's `modified_since`; absent: a full listing. */
  modifiedSince: z.iso.datetime({ offset: true }).optional(),
  /** Project gids whose tasks are still to read, in listing order. */
  projects: z.array(z.string()),
  /** The next page of the first of `projects`; absent: its first page. */
  offset: z.string().optional(),
  /** Task gids listed so far (kit/id-set.ts). */
  listed: z.string(),
  /** What an earlier run of this read learned of time tracking: true without it, false with it. */
  noTimeTracking: z.boolean().optional(),
});
export type AsanaCheckpoint = z.output<typeof AsanaCheckpointSchema>;

/**
 * A project's task pages from `offset`. Asana lets an offset expire ("as data may have changed"):
 * one it refuses (400), the saved one of a resumed read or one that aged while this run paged
 * (slowed by rate limits), is logged and the project is read again from its first page, once per
 * project and run; the tasks already stored are left out by the caller (`seenTasks`).
 */
export async function* projectTaskPages(client: AsanaClient, project: string, modifiedSince: string | undefined, offset: string | undefined, log: Logger): AsyncGenerator<OffsetPage> {
  let from = offset;
  let restarted = false;
  let pages = client.projectTasks(project, modifiedSince, from);
  for (;;) {
    let step: IteratorResult<OffsetPage>;
    try {
      step = await pages.next();
    } catch (error) {
      if (from === undefined || restarted || !(error instanceof HttpError) || error.status !== 400) throw error;
      log.warn('Asana refused a page offset (offsets expire); reading the project again from its first page', { project });
      [from, restarted] = [undefined, true];
      pages = client.projectTasks(project, modifiedSince);
      continue;
    }
    if (step.done) return;
    from = step.value.next;
    yield step.value;
  }
}
