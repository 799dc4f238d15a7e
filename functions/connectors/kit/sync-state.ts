import type * as z from 'zod';
import type { Logger } from './connector.ts';

/**
 * Connectors keep more than one position between syncs (Jira: issues, worklogs, the last full
 * reconcile and the ids then seen). The cursor is that state as versioned JSON; an unreadable or
 * older cursor is logged and read as "no state", so the next sync is a full one instead of a crash.
 */

export function encodeState(state: object): string {
  return JSON.stringify(state);
}

export function decodeState<S extends z.ZodType>(schema: S, cursor: string | undefined, log: Logger, source: string): z.output<S> | undefined {
  if (cursor === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(cursor);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  log.warn('ignoring an unreadable cursor: this sync reads everything', { source, cursor: cursor.slice(0, 120) });
  return undefined;
}

/**
 * When a sync should list everything instead of only what changed: needed to see deletions that
 * incremental reads cannot show (Jira search and Asana `modified_since` never return a deleted
 * record). Full listings cost more, so they run every `everySyncs` syncs or once the last one is
 * older than `maxAgeMs`, whichever comes first.
 */
export interface FullSyncPolicy {
  everySyncs: number;
  maxAgeMs: number;
}

export const defaultFullSyncPolicy: FullSyncPolicy = { everySyncs: 24, maxAgeMs: 24 * 60 * 60 * 1000 };

export interface FullSyncMarks {
  /** Epoch ms of the last full listing. */
  fullAt?: number | undefined;
  /** Syncs since then. */
  syncsSinceFull?: number | undefined;
}

export function isFullSyncDue(marks: FullSyncMarks | undefined, now: Date, policy: FullSyncPolicy = defaultFullSyncPolicy): boolean {
  if (marks?.fullAt === undefined) return true;
  if ((marks.syncsSinceFull ?? 0) + 1 >= policy.everySyncs) return true;
  return now.getTime() - marks.fullAt >= policy.maxAgeMs;
}
