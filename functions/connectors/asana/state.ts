import * as z from 'zod';
import type { AsanaSourceConfig } from '../../config/index.ts';
import type { SyncContext } from '../kit/connector.ts';
import { decodeState, isFullSyncDue } from '../kit/sync-state.ts';

/**
 * What an Asana sync hands the next one: the `modified_since` to use, when every task was last
 * listed, and the task gids then listed. Deletion rule: on a full sync (no `modified_since`: the
 * first one, then every 24 syncs or once a day) a task known from the previous listing that no
 * project lists any more, nor any listed task as a subtask, was deleted (or its project archived
 * or removed, which for the reports is the same).
 */
export const AsanaStateSchema = z.object({
  v: z.literal(1),
  modifiedSince: z.iso.datetime({ offset: true }).optional(),
  fullAt: z.number().optional(),
  syncsSinceFull: z.number().int().nonnegative().optional(),
  ids: z.string().optional(),
  /** The workspace answered 402 for time tracking; kept for a sync that reads no task to ask. */
  noTimeTracking: z.literal(true).optional(),
});
export type AsanaState = z.output<typeof AsanaStateSchema>;

export interface AsanaPlan {
  state: AsanaState | undefined;
  /** Undefined: list every task (a full sync). */
  modifiedSince: string | undefined;
}

export function planAsanaSync(context: SyncContext<AsanaSourceConfig>): AsanaPlan {
  const cursor = context.cursor;
  // An ISO time is the cursor of earlier versions: its `modified_since`, with no listing known yet.
  const legacy = cursor !== undefined && !cursor.startsWith('{') && !Number.isNaN(Date.parse(cursor));
  const state = legacy ? { v: 1 as const, modifiedSince: cursor } : decodeState(AsanaStateSchema, cursor, context.log, context.source.name);
  if (context.since) return { state, modifiedSince: context.since.toISOString() };
  const full = state?.ids === undefined || isFullSyncDue(state, context.now());
  return { state, modifiedSince: full ? undefined : state?.modifiedSince };
}
