import { createHash } from 'node:crypto';
import type { Logger } from '../runtime/logger.ts';
import type { Store, SyncCheckpoint } from '../store/store.ts';

/**
 * Where a source's read starts: its cursor, and the checkpoint of an unfinished read from that
 * cursor, if one is kept. A checkpoint belongs to one read: the same kind (`read`: a backfill's
 * start, or '' for a read from the cursor) from the same cursor (`base`). Any other is set aside,
 * and the read starts from the cursor.
 */
export interface ReadPosition {
  cursor: string | undefined;
  checkpoint: string | undefined;
  /** Stamps this read's checkpoints. */
  stamp(checkpoint: string): SyncCheckpoint;
  /** A checkpoint item exists (this read's or a stale one): drop it once the read is done. */
  kept: boolean;
}

export async function readPosition(store: Store, source: string, since: Date | undefined, log: Logger): Promise<ReadPosition> {
  const read = since?.toISOString() ?? '';
  const [cursor, kept] = await Promise.all([store.getCursor(source), store.getCheckpoint(source)]);
  const base = createHash('sha256').update(cursor ?? '').digest('base64url').slice(0, 22);
  const ours = kept !== undefined && kept.read === read && kept.base === base;
  if (kept && !ours) log.info(`${source}: a checkpoint of another read is set aside; this ${read === '' ? 'read' : `backfill from ${read}`} starts from the cursor`);
  if (ours) log.info(`${source}: continuing the unfinished read from its checkpoint`);
  return {
    cursor,
    checkpoint: ours ? kept.checkpoint : undefined,
    stamp: (checkpoint) => ({ checkpoint, read, base }),
    kept: kept !== undefined,
  };
}
