import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { QuarantineEntry, RecordKind, RecordOf } from '../domain/index.ts';
import { batchPut, type BatchWriteOptions, type Item } from './batch-writer.ts';
import { attempt } from './errors.ts';
import { quarantineFromItem, quarantineItem, recordFromItem, recordItem } from './items.ts';
import { cursorPk, quarantinePk, recordPk, registryPk, registrySk, SHARD_COUNT, QUARANTINE_AREA, type RegistryArea } from './keys.ts';
import { acquireLease, releaseLease } from './lease.ts';
import { queryAll, queryPages } from './query.ts';
import type { Store, SyncRun } from './store.ts';
import { listLatestSyncRuns, listSyncRuns, putSyncRun } from './sync-runs.ts';
import { ensureTable } from './table.ts';

export interface DynamoStoreOptions {
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Items per Query page; unset lets DynamoDB fill pages up to 1 MB. */
  pageSize?: number;
  /** BatchWriteItem requests in flight at once (default 8). */
  writeConcurrency?: number;
  /** Attempts per 25-item batch before a write fails (default 10). */
  maxWriteAttempts?: number;
  /** Runs on close(): whoever made the client and server passes their shutdown here. */
  onClose?: () => Promise<void>;
}

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
  }

  ensureTable(): Promise<void> {
    return ensureTable(this.client, this.table, { sleep: this.writes.sleep });
  }

  async putRecords<K extends RecordKind>(kind: K, records: readonly RecordOf<K>[]): Promise<void> {
    if (records.length === 0) return;
    // Registry before records: a crash in between leaves an empty source listed, never records hidden.
    await this.register(kind, records.map((record) => record.source));
    await batchPut(this.client, this.table, records.map((record) => recordItem(kind, record)), this.writes);
  }

  async *scanRecords<K extends RecordKind>(kind: K, source?: string): AsyncGenerator<RecordOf<K>[], void, undefined> {
    const sources = source === undefined ? await this.sources(kind) : [source];
    for (const name of sources) {
      for (let shard = 0; shard < SHARD_COUNT; shard++) {
        const pages = queryPages(this.client, this.table, recordPk(kind, name, shard), {
          operation: 'scanRecords',
          pageSize: this.options.pageSize,
        });
        for await (const page of pages) yield page.map((item) => recordFromItem(kind, item, this.table));
      }
    }
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

  acquireLease(name: string, owner: string, ttlMs: number): Promise<boolean> {
    return acquireLease(this.context(), name, owner, ttlMs);
  }

  releaseLease(name: string, owner: string): Promise<void> {
    return releaseLease(this.context(), name, owner);
  }

  async close(): Promise<void> {
    await this.options.onClose?.();
  }

  private context() {
    return { client: this.client, table: this.table, now: this.now };
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
