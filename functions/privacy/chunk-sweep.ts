import type { RecordKind, RecordOf } from '../domain/index.ts';
import type { ChunkWriter } from '../store/chunk-writer.ts';
import { byId, chunkFromItem, isDeletedEntry, storedEntry, type ChunkEntry } from '../store/chunks.ts';
import { StoreError } from '../store/errors.ts';
import { chunkPk, shardOf } from '../store/keys.ts';
import type { Redactor } from './redactor.ts';
import type { StoreSweepCounts } from './store-sweep.ts';

/**
 * One chunk of records swept for an erasure, as store-sweep.ts does for a record item: the erased
 * people's person records and the tombstones keyed by their accounts leave the chunk; every other
 * record naming them is rewritten. A record whose id changed moves to the chunk of its new id,
 * written there first; the chunk itself is put back last, on the revision it was read at, so a
 * crash between leaves a copy under the old id that a rerun removes.
 */
export async function sweepChunk(
  chunks: ChunkWriter,
  table: string,
  item: Record<string, unknown>,
  redactor: Redactor,
  accounts: ReadonlySet<string>,
  counts: StoreSweepCounts,
): Promise<void> {
  const pk = String(item.pk);
  const [, kindName, source] = pk.split('#') as [string, RecordKind, string];
  const kind = kindName;
  const chunk = chunkFromItem(item, table, 'forget');
  const kept: ChunkEntry[] = [];
  const moved: ChunkEntry[] = [];
  let changed = false;
  for (const entry of chunk.entries) {
    if (isDeletedEntry(entry)) {
      if (accounts.has(entry.i) || redactor.text(entry.i) !== entry.i) {
        counts.tombstonesRemoved += 1;
        changed = true;
      } else kept.push(entry);
      continue;
    }
    const record = entry.r as RecordOf<RecordKind>;
    if (kind === 'person' && accounts.has(record.id)) {
      counts.peopleRemoved += 1;
      changed = true;
      continue;
    }
    const rewritten = redactor.value(record);
    if (rewritten === record) {
      kept.push(entry);
      continue;
    }
    changed = true;
    counts.rewritten[kind] = (counts.rewritten[kind] ?? 0) + 1;
    // Only ids and names changed, so the record still passes the schema it was stored under.
    const next = storedEntry(kind, rewritten);
    if (next.i === entry.i) kept.push(next);
    else moved.push(next);
  }
  if (!changed) return;
  const byPartition = new Map<string, ChunkEntry[]>();
  for (const entry of moved) {
    const target = chunkPk(kind, source, shardOf(entry.i));
    byPartition.set(target, [...(byPartition.get(target) ?? []), entry]);
  }
  await chunks.write(byPartition, 'forget');
  kept.sort(byId);
  // The chunk keeps where its range ends, which writers check their list of chunks against (chunk-writer.ts).
  const end = chunk.end === undefined ? {} : { end: chunk.end };
  if (!(await chunks.put(pk, { start: chunk.start, ...end, rev: chunk.rev + 1, entries: kept }, chunk.rev, 'forget'))) {
    throw new StoreError('forget', table, `chunk ${pk} ${String(item.sk)} changed while it was being erased (another writer without the sync lease?); run the erasure again`);
  }
}
