import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { QuarantineEntry, RecordKind, RecordOf } from '../domain/index.ts';
import { batchDelete, batchPut, type BatchWriteOptions, type Item } from './batch-writer.ts';
import { attempt, StoreError } from './errors.ts';
import { ChunkWriter, DEFAULT_CHUNK_LIMITS, type ChunkLimits } from './chunk-writer.ts';
import { shardRecords } from './chunk-reader.ts';
import { recordEntry, tombstoneEntry, type ChunkEntry } from './chunks.ts';
import { quarantineFromItem, quarantineItem } from './items.ts';
import { packLegacy } from './legacy-records.ts';
import {
  chunkPk,
  cursorPk,
  quarantinePk,
  quarantineSk,
  shardOf,
  registryPk,
  registrySk,
  SHARD_COUNT,
  QUARANTINE_AREA,
  type RegistryArea,
} from './keys.ts';
import { getCheckpoint, setCheckpoint } from './checkpoints.ts';
import { acquireLease, releaseLease } from './lease.ts';
import { parallelPages } from './parallel-pages.ts';
import { queryAll } from './query.ts';
import type { Store, SyncCheckpoint, SyncRun } from './store.ts';
import { listLatestSyncRuns, listSyncRuns, putSyncRun } from './sync-runs.ts';
import { ensureTable } from './table.ts';

export interface DynamoStoreOptions {
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Items per Query page; unset lets DynamoDB fill pages up to 1 MB. */
  pageSize?: number;
  /** Record partitions (a kind's shards) read at once by scanRecords (default 16; 1 reads them one by one). */
  readConcurrency?: number;
  /** Pages scanRecords reads ahead of the one it hands out, in all (default 4 per partition in flight). */
  readAheadPages?: number;
  /** BatchWriteItem requests in flight at once (default 8). */
  writeConcurrency?: number;
  /** Attempts per 25-item batch before a write fails (default 10). */
  maxWriteAttempts?: number;
  /** When a chunk of records splits (chunk-writer.ts); the defaults suit DynamoDB's 400 KB items. */
  chunkLimits?: ChunkLimits;
  /** Runs on close(): whoever made the client and server passes their shutdown here. */
  onClose?: () => Promise<void>;
}

/**
 * Every shard of one source's kind in flight. Against DynamoDB each Query mostly waits on the
 * network, so this is where parallel reads gain most; the embedded server gains less (about 1.2x
 * at 20k tasks here), since there the reading itself is CPU work (docs/deploy.md, "Measured limits").
 */
const DEFAULT_READ_CONCURRENCY = 16;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The Store on one DynamoDB table; the item layout is documented in keys.ts. */
export class DynamoStore implements Store {
  readonly table: string;
  private readonly client: DynamoDBDocumentClient;
  private readonly options: DynamoStoreOptions;
  private readonly now: () => Date;
  private readonly writes: BatchWriteOptions;
  /** Registry entries this instance already wrote: a sync of many batches writes each once. */
  private readonly registered = new Set<string>();
  private readonly chunks: ChunkWriter;
  /** Kinds of sources whose old per-record items this instance already packed (legacy-records.ts). */
  private readonly packed = new Set<string>();
  private readonly leaseOwners = new Map<string, string>();

  constructor(client: DynamoDBDocumentClient, table: string, options: DynamoStoreOptions = {}) {
    this.client = client;
    this.table = table;
    this.options = options;
    this.now = options.now ?? (() => new Date());
    this.writes = {
      sleep: options.sleep ?? pause,
      concurrency: options.writeConcurrency ?? 8,
      maxAttempts: options.maxWriteAttempts ?? 10,
      baseDelayMs: 50,
    };
    this.chunks = new ChunkWriter({ client, table, writes: this.writes }, options.chunkLimits ?? DEFAULT_CHUNK_LIMITS);
  }

  ensureTable(): Promise<void> {
    return ensureTable(this.client, this.table, { sleep: this.writes.sleep });
  }

  async putRecords<K extends RecordKind>(kind: K, records: readonly RecordOf<K>[]): Promise<void> {
    if (records.length === 0) return;
    await this.writeGuarded(kind, records.map((record) => [record.source, recordEntry(kind, record, this.table)]), 'putRecords');
  }

  async deleteRecords(kind: RecordKind, ids: readonly string[], deletedAt: string): Promise<void> {
    if (ids.length === 0) return;
    const malformed = ids.find((id) => id.indexOf(':') < 1);
    if (malformed !== undefined) throw new StoreError('deleteRecords', this.table, `"${malformed}" is not a <source>:<id> record id`);
    if (Number.isNaN(Date.parse(deletedAt))) throw new StoreError('deleteRecords', this.table, `deletedAt "${deletedAt}" is not a date`);
    await this.writeGuarded(kind, ids.map((id) => [id.slice(0, id.indexOf(':')), tombstoneEntry(id, deletedAt)]), 'deleteRecords');
  }

  /**
   * Quarantine entries are keyed by the source's own id (the record never mapped, so it has no
   * record id); callers may pass either form, so both keys are removed.
   */
  async releaseQuarantine(source: string, kind: RecordKind, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const prefix = `${source}:`;
    const sourceIds = ids.flatMap((id) => (id.startsWith(prefix) ? [id, id.slice(prefix.length)] : [id]));
    const keys = sourceIds.map((id) => ({ pk: quarantinePk(source), sk: quarantineSk(kind, id) }));
    await batchDelete(this.client, this.table, keys, this.writes);
  }

  /**
   * Every shard of every source is its own partition of chunks; several are read at once and
   * handed out in partition order (parallel-pages.ts), a chunk's records at a time (chunk-reader.ts).
   */
  async *scanRecords<K extends RecordKind>(kind: K, source?: string): AsyncGenerator<RecordOf<K>[], void, undefined> {
    const sources = source === undefined ? await this.sources(kind) : [source];
    const partitions = sources.flatMap((name) => Array.from({ length: SHARD_COUNT }, (_, shard) => `${shard}#${name}`));
    const concurrency = this.options.readConcurrency ?? DEFAULT_READ_CONCURRENCY;
    const access = { client: this.client, table: this.table, pageSize: this.options.pageSize };
    const pagesOf = (partition: string) => {
      const at = partition.indexOf('#');
      return shardRecords(access, kind, partition.slice(at + 1), Number(partition.slice(0, at)));
    };
    yield* parallelPages(partitions, pagesOf, { concurrency, pagesAhead: this.options.readAheadPages ?? concurrency * 4 });
  }

  /**
   * Addition to Store: packs the old per-record items of every kind of every source into chunks
   * (legacy-records.ts); returns how many it packed. Writes do this on their own, kind by kind.
   */
  async packLegacyRecords(kinds: readonly RecordKind[]): Promise<number> {
    let packed = 0;
    for (const kind of kinds) for (const source of await this.sources(kind)) packed += await this.packOnce(kind, source, true);
    return packed;
  }

  async getCursor(source: string): Promise<string | undefined> {
    const result = await attempt('getCursor', this.table, () =>
      this.client.send(new GetCommand({ TableName: this.table, Key: { pk: cursorPk, sk: source }, ConsistentRead: true })),
    );
    return result.Item?.cursor as string | undefined;
  }

  async setCursor(source: string, cursor: string): Promise<void> {
    const item = { pk: cursorPk, sk: source, cursor, updatedAt: this.now().toISOString() };
    await attempt('setCursor', this.table, () => this.client.send(new PutCommand({ TableName: this.table, Item: item })));
  }

  getCheckpoint(source: string): Promise<SyncCheckpoint | undefined> {
    return getCheckpoint({ client: this.client, table: this.table, now: this.now }, source);
  }

  setCheckpoint(source: string, checkpoint: SyncCheckpoint | undefined): Promise<void> {
    return setCheckpoint({ client: this.client, table: this.table, now: this.now }, source, checkpoint);
  }

  async putQuarantine(entries: readonly QuarantineEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.register(QUARANTINE_AREA, entries.map((entry) => entry.source));
    await batchPut(this.client, this.table, entries.map(quarantineItem), this.writes);
  }

  async listQuarantine(source?: string): Promise<QuarantineEntry[]> {
    const sources = source === undefined ? await this.sources(QUARANTINE_AREA) : [source];
    const entries: QuarantineEntry[] = [];
    for (const name of sources) {
      const items = await queryAll(this.client, this.table, quarantinePk(name), { operation: 'listQuarantine' });
      entries.push(...items.map(quarantineFromItem));
    }
    return entries;
  }

  putSyncRun(run: SyncRun): Promise<void> {
    return putSyncRun(this.context(), run);
  }

  listLatestSyncRuns(): Promise<SyncRun[]> {
    return listLatestSyncRuns(this.context());
  }

  /** Addition to Store: one source's run history, newest first. */
  listSyncRuns(source: string, limit?: number): Promise<SyncRun[]> {
    return listSyncRuns(this.context(), source, limit);
  }

  /**
   * Remembered versions are exact only while no other writer ran: a newly taken lease (not a
   * renewal) means others may have written since, so they are looked at afresh.
   */
  async acquireLease(name: string, owner: string, ttlMs: number): Promise<boolean> {
    const acquired = await acquireLease(this.context(), name, owner, ttlMs);
    if (acquired && this.leaseOwners.get(name) !== owner) this.chunks.forgetLayout();
    if (acquired) this.leaseOwners.set(name, owner);
    return acquired;
  }

  releaseLease(name: string, owner: string): Promise<void> {
    this.leaseOwners.delete(name);
    return releaseLease(this.context(), name, owner);
  }

  /** The table itself, for store features kept in their own files (erasure: erasure-table.ts). */
  tableAccess(): { client: DynamoDBDocumentClient; table: string; writes: BatchWriteOptions } {
    return { client: this.client, table: this.table, writes: this.writes };
  }

  async close(): Promise<void> {
    await this.options.onClose?.();
  }

  private context() {
    return { client: this.client, table: this.table, now: this.now };
  }

  /** Version-guarded writes of records or tombstones into their chunks (chunk-writer.ts), by shard. */
  private async writeGuarded(kind: RecordKind, entries: readonly [string, ChunkEntry][], operation: string): Promise<void> {
    const sources = new Set<string>();
    const byPartition = new Map<string, ChunkEntry[]>();
    for (const [source, entry] of entries) {
      sources.add(source);
      const pk = chunkPk(kind, source, shardOf(entry.i));
      const group = byPartition.get(pk);
      if (group) group.push(entry);
      else byPartition.set(pk, [entry]);
    }
    // Registry before records: a crash in between leaves an empty source listed, never records hidden.
    await this.register(kind, [...sources]);
    for (const source of sources) await this.packOnce(kind, source, false);
    await this.chunks.write(byPartition, operation);
  }

  /** Packs a kind of a source's old items once per instance: later writes go to chunks only. */
  private async packOnce(kind: RecordKind, source: string, again: boolean): Promise<number> {
    const key = registrySk(kind, source);
    if (this.packed.has(key) && !again) return 0;
    const packed = await packLegacy({ client: this.client, table: this.table, writes: this.writes }, this.chunks, kind, source);
    this.packed.add(key);
    return packed;
  }

  private async register(area: RegistryArea, sources: readonly string[]): Promise<void> {
    const fresh = [...new Set(sources)].filter((source) => !this.registered.has(registrySk(area, source)));
    if (fresh.length === 0) return;
    const items: Item[] = fresh.map((source) => ({ pk: registryPk, sk: registrySk(area, source), area, source }));
    await batchPut(this.client, this.table, items, this.writes);
    for (const item of items) this.registered.add(item.sk);
  }

  /** Sources with entries in an area, from the registry. */
  private async sources(area: RegistryArea): Promise<string[]> {
    const items = await queryAll(this.client, this.table, registryPk, { operation: 'sources', skPrefix: `${area}#` });
    return items.map((item) => String(item.source));
  }
}
