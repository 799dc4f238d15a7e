import { HttpError } from '../kit/errors.ts';
import type { Logger } from '../kit/connector.ts';
import type { AsanaClient } from './client.ts';

/**
 * Asana's time tracking belongs to some plans only: elsewhere `/tasks/{gid}/time_tracking_entries`
 * answers `402 Payment Required`. That is a fact about the workspace, not a failed sync: the gate
 * says so once per sync, reads no more entries, and the sync goes on with everything else.
 * A workspace without time tracking leaves `actual_time_minutes` empty too, so when no task of
 * the sync asked for entries, one task is asked (`probe`) to learn which plan this is.
 */
export interface TimeTrackingGate {
  /** The task's entries; none once the plan is known to lack time tracking. */
  entries(taskGid: string): Promise<unknown[]>;
  /** Asks one task when no entries were read this sync; no-op otherwise. */
  probe(taskGid: string | undefined): Promise<void>;
  /** Why hours are unavailable, once a 402 was seen; undefined while time tracking works (or is unknown). */
  readonly unavailable: string | undefined;
  /** True when this sync asked for entries at all (so `unavailable` is this sync's finding). */
  readonly asked: boolean;
}

export const noTimeTrackingReason = 'Asana answered 402 Payment Required for time tracking entries: this workspace\'s plan does not include time tracking, so its hours are unavailable';

export function createTimeTrackingGate(client: AsanaClient, source: string, log: Logger): TimeTrackingGate {
  let unavailable: string | undefined;
  let asked = false;
  const entries = async (taskGid: string): Promise<unknown[]> => {
    if (unavailable) return [];
    asked = true;
    try {
      return await client.taskTimeEntries(taskGid);
    } catch (error) {
      if (!(error instanceof HttpError) || error.status !== 402) throw error;
      // Requests run side by side: only the first 402 speaks.
      if (!unavailable) log.warn(`${noTimeTrackingReason}; syncing everything else`, { source, request: error.request });
      unavailable = noTimeTrackingReason;
      return [];
    }
  };
  return {
    entries,
    async probe(taskGid) {
      if (!asked && taskGid !== undefined) await entries(taskGid);
    },
    get unavailable() {
      return unavailable;
    },
    get asked() {
      return asked;
    },
  };
}
