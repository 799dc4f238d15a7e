import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RecordKind, RecordOf } from '../domain/index.ts';
import { byId, chunkFromItem, copyReplaces, entryReplaces, isDeletedEntry, type Chunk, type ChunkEntry } from './chunks.ts';
import { chunkPk } from './keys.ts';
import { legacyEntries } from './legacy-records.ts';
import { queryPages } from './query.ts';

/** What a reader needs of a chunk item. */
const CHUNK_ATTRIBUTES = ['pk', 'sk', 'format', 'rev', 'body'];

/**
 * The live records of one shard, a chunk at a time, in id order: the order the one-item-per-record
 * layout gave, so compute sees records in the same order as before packing.
 *
 * A chunk's range ends where the next chunk starts. Entries past it (copies an interrupted split
 * left, chunk-writer.ts) and old per-record items of the same shard (legacy-records.ts) are merged
 * by the version rule into the chunk whose range holds them; without either, a chunk's records
 * are handed out as stored.
 */
export async function* shardRecords<K extends RecordKind>(
  access: { client: DynamoDBDocumentClient; table: string; pageSize?: number },
  kind: K,
  source: string,
  shard: number,
): AsyncGenerator<RecordOf<K>[], void, undefined> {
  const legacy = await legacyEntries(access, kind, source, shard, 'scanRecords');
  let legacyAt = 0;
  let carried: ChunkEntry[] = [];
  const recordsOf = (chunk: Chunk, next: string | undefined): RecordOf<K>[] => {
    const inRange = (id: string) => next === undefined || id < next;
    const last = chunk.entries.at(-1);
    let own = chunk.entries;
    if (last !== undefined && !inRange(last.i)) {
      own = chunk.entries.filter((entry) => inRange(entry.i));
      carried.push(...chunk.entries.filter((entry) => !inRange(entry.i)));
    }
    const fromLegacy: ChunkEntry[] = [];
    while (legacyAt < legacy.length && inRange(legacy[legacyAt]!.i)) fromLegacy.push(legacy[legacyAt++]!);
    const fromCarried = carried.filter((entry) => entry.i >= chunk.start && inRange(entry.i));
    if (fromCarried.length > 0) carried = carried.filter((entry) => !(entry.i >= chunk.start && inRange(entry.i)));
    const entries = fromLegacy.length === 0 && fromCarried.length === 0 ? own : merged(fromLegacy, own, fromCarried);
    const records: RecordOf<K>[] = [];
    for (const entry of entries) if (!isDeletedEntry(entry)) records.push(entry.r as RecordOf<K>);
    return records;
  };

  let previous: Chunk | undefined;
  const pages = queryPages(access.client, access.table, chunkPk(kind, source, shard), { operation: 'scanRecords', pageSize: access.pageSize, attributes: CHUNK_ATTRIBUTES });
  for await (const page of pages) {
    for (const item of page) {
      const chunk = chunkFromItem(item, access.table, 'scanRecords');
      if (previous !== undefined) {
        const records = recordsOf(previous, chunk.start);
        if (records.length > 0) yield records;
      }
      previous = chunk;
    }
  }
  const rest = recordsOf(previous ?? { start: '', rev: 0, entries: [] }, undefined);
  if (rest.length > 0) yield rest;
}

/** Old items first, then the chunk's own entries (by the version rule), then carried copies (only where strictly newer, chunks.ts). */
function merged(legacy: readonly ChunkEntry[], own: readonly ChunkEntry[], carried: readonly ChunkEntry[]): ChunkEntry[] {
  const byKey = new Map<string, ChunkEntry>();
  for (const entry of [...legacy, ...own]) if (entryReplaces(entry, byKey.get(entry.i))) byKey.set(entry.i, entry);
  for (const entry of carried) if (copyReplaces(entry, byKey.get(entry.i))) byKey.set(entry.i, entry);
  return [...byKey.values()].sort(byId);
}
