import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RecordKind } from '../domain/index.ts';
import { batchDelete, type BatchWriteOptions } from './batch-writer.ts';
import type { ChunkWriter } from './chunk-writer.ts';
import type { ChunkEntry } from './chunks.ts';
import { recordFromItem } from './items.ts';
import { chunkPk, recordPk, SHARD_COUNT } from './keys.ts';
import { queryPages } from './query.ts';

/**
 * Stores written before records were packed hold one item per record (`REC#…`, items.ts). They
 * keep working without a migration step:
 *
 * - reads take those items beside the chunks of the same shard and merge them by the version rule
 *   (chunk-reader.ts); a partition never packed costs what it always did, a packed one an empty Query;
 * - the first write to a kind of a source (the next sync) packs its items into chunks, then deletes
 *   them (`packLegacy`). A crash in between leaves both, which reads merge; the next write packs again.
 * `pmpulse store pack` does the same for every kind and source at once.
 */
const LEGACY_ATTRIBUTES = ['sk', 'record', 'deleted', 'deletedAt', 'version'];

export interface LegacyAccess {
  client: DynamoDBDocumentClient;
  table: string;
}

/** The old items of one shard as chunk entries, in id order; records pass their schema as they always did on read. */
export async function legacyEntries(access: LegacyAccess, kind: RecordKind, source: string, shard: number, operation: string, consistent = false): Promise<ChunkEntry[]> {
  const entries: ChunkEntry[] = [];
  for await (const page of queryPages(access.client, access.table, recordPk(kind, source, shard), { operation, attributes: LEGACY_ATTRIBUTES, consistent })) {
    for (const item of page) entries.push(legacyEntry(kind, item, access.table));
  }
  return entries;
}

function legacyEntry(kind: RecordKind, item: Record<string, unknown>, table: string): ChunkEntry {
  const id = String(item.sk);
  const version = typeof item.version === 'number' ? { v: item.version } : {};
  if (item.deleted === true) return { i: id, ...version, d: String(item.deletedAt) };
  return { i: id, ...version, r: recordFromItem(kind, item, table) as Record<string, unknown> };
}

/** Moves one kind of one source into chunks; returns how many old items it packed. */
export async function packLegacy(access: LegacyAccess & { writes: BatchWriteOptions }, writer: ChunkWriter, kind: RecordKind, source: string): Promise<number> {
  let packed = 0;
  for (let shard = 0; shard < SHARD_COUNT; shard++) {
    const entries = await legacyEntries(access, kind, source, shard, 'packRecords', true);
    if (entries.length === 0) continue;
    await writer.writePartition(chunkPk(kind, source, shard), entries, 'packRecords');
    const pk = recordPk(kind, source, shard);
    await batchDelete(access.client, access.table, entries.map((entry) => ({ pk, sk: entry.i })), access.writes);
    packed += entries.length;
  }
  return packed;
}
