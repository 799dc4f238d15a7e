import type { RecordKind } from '../domain/index.ts';

/**
 * Item layout of the one table (string keys `pk`, `sk`):
 *
 * | item                 | pk                                   | sk                    |
 * |----------------------|--------------------------------------|-----------------------|
 * | record chunk         | `PACK#<kind>#<source>#<shard 00..15>`| `C#<first record id>` |
 * | domain record (old)  | `REC#<kind>#<source>#<shard 00..15>` | record id             |
 * | source registry      | `REGISTRY`                           | `<area>#<source>`     |
 * | sync cursor          | `CURSOR`                             | source                |
 * | sync checkpoint      | `CHECKPOINT`                         | source                |
 * | quarantine entry     | `QUARANTINE#<source>`                | `<kind>#<record id>`  |
 * | sync run (history)   | `RUN#<source>`                       | startedAt (ISO)       |
 * | sync run (latest)    | `RUN_LATEST`                         | source                |
 * | lease                | `LEASE`                              | lease name            |
 *
 * Records are packed: a chunk item holds the records (and tombstones) of one shard whose ids
 * fall in its range, from its own start up to the next chunk's start (chunks.ts, chunk-writer.ts).
 * The one-item-per-record layout (`REC#`) is what stores written before packing hold; it is read
 * beside the chunks and packed by the next write to its partition (legacy-records.ts).
 *
 * Records of one kind of one source are read with 16 Queries, never a table Scan, and the shard
 * (a hash of the record id) spreads one big sync's writes over 16 partitions instead of one hot
 * key. The key is a pure function of kind + record id, so a re-put overwrites, never duplicates.
 * The registry lists which sources have records (area = kind) or quarantine entries
 * (area = `quarantine`), so reads across all sources know which partitions exist.
 *
 * The shard count is part of the key format: changing it moves every record to a new key.
 */
export const SHARD_COUNT = 16;

export const QUARANTINE_AREA = 'quarantine';
export type RegistryArea = RecordKind | typeof QUARANTINE_AREA;

/** FNV-1a, 32 bit: cheap, stable across runtimes, and spreads similar ids (`jira:1`, `jira:2`). */
export function shardOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % SHARD_COUNT;
}

function shardLabel(shard: number): string {
  return String(shard).padStart(2, '0');
}

export function recordPk(kind: RecordKind, source: string, shard: number): string {
  return `REC#${kind}#${source}#${shardLabel(shard)}`;
}

export function chunkPk(kind: RecordKind, source: string, shard: number): string {
  return `PACK#${kind}#${source}#${shardLabel(shard)}`;
}

/** The first chunk of a partition starts at '' and takes every id below the next chunk's start. */
export const CHUNK_SK_PREFIX = 'C#';
export const chunkSk = (start: string): string => `${CHUNK_SK_PREFIX}${start}`;

export function recordKey(kind: RecordKind, source: string, id: string): { pk: string; sk: string } {
  return { pk: recordPk(kind, source, shardOf(id)), sk: id };
}

export const registryPk = 'REGISTRY';
export function registrySk(area: RegistryArea, source: string): string {
  return `${area}#${source}`;
}

export const cursorPk = 'CURSOR';
export const checkpointPk = 'CHECKPOINT';

export function quarantinePk(source: string): string {
  return `QUARANTINE#${source}`;
}
export function quarantineSk(kind: string, recordId: string): string {
  return `${kind}#${recordId}`;
}

export function runPk(source: string): string {
  return `RUN#${source}`;
}
export const latestRunPk = 'RUN_LATEST';

export const leasePk = 'LEASE';
