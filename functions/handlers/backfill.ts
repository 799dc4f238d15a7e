import type { SyncOptions } from '../pipeline/index.ts';
import type { SyncEvent } from './events.ts';

/**
 * What one event asks of the sync service. A backfill reads from the start (UTC) of its `from`
 * day, whatever the cursors say, for its named sources or all. The sources have no "until"
 * filter, so it reads on to now: `to` documents the range asked for, and re-reading newer records
 * is harmless because the store's upserts are idempotent.
 */
export function syncOptionsFor(event: SyncEvent): Pick<SyncOptions, 'since' | 'sources'> {
  if (event.kind !== 'backfill') return event.source ? { sources: [event.source] } : {};
  return { since: new Date(`${event.from}T00:00:00.000Z`), ...(event.sources ? { sources: event.sources } : {}) };
}
