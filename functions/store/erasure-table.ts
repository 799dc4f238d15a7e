import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWrite, type BatchWriteOptions, type Item, type WriteRequest } from './batch-writer.ts';
import { ChunkWriter } from './chunk-writer.ts';
import { DynamoStore } from './dynamo-store.ts';
import { attempt, hasErrorName } from './errors.ts';
import type { Store } from './store.ts';

/**
 * The erasure list and the whole-table access an erasure needs, beside the Store interface
 * (erasure is rare and table-wide; the Store serves syncs and reads by partition).
 *
 * | item            | pk        | sk               |
 * |-----------------|-----------|------------------|
 * | secret          | `ERASURE` | `#secret`        |
 * | erasure entry   | `ERASURE` | `H#<hex digest>` |
 *
 * An entry holds no personal data in clear: its key is the HMAC-SHA-256 of `<source>:<account id>`
 * (or `email:<address>`) under a random secret made once per installation, and its value the
 * anonymous token the erased person's records carry from then on. Anyone reading the table can
 * test a guess (the secret is in it too) but cannot list who was erased.
 */
export const ERASURE_PK = 'ERASURE';
const SECRET_SK = '#secret';
const entrySk = (digest: string): string => `H#${digest}`;

export interface ErasureEntry {
  digest: string;
  token: string;
  erasedAt: string;
}

export interface StoredErasures {
  /** Undefined until the first erasure: nothing was ever erased. */
  secret: string | undefined;
  entries: ErasureEntry[];
}

export class ErasureTable {
  readonly table: string;
  readonly #client: DynamoDBDocumentClient;
  readonly #writes: BatchWriteOptions;

  constructor(access: { client: DynamoDBDocumentClient; table: string; writes: BatchWriteOptions }) {
    this.#client = access.client;
    this.table = access.table;
    this.#writes = access.writes;
  }

  /** The erasure table of a DynamoDB store; undefined for any other Store (test doubles). */
  static of(store: Store): ErasureTable | undefined {
    return store instanceof DynamoStore ? new ErasureTable(store.tableAccess()) : undefined;
  }

  async read(): Promise<StoredErasures> {
    let secret: string | undefined;
    const entries: ErasureEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      // Consistent: a sync that starts right after an erasure must see every entry it added.
      const input = { TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': ERASURE_PK }, ExclusiveStartKey: startKey, ConsistentRead: true };
      const result = await attempt('readErasures', this.table, () => this.#client.send(new QueryCommand(input)));
      for (const item of result.Items ?? []) {
        if (item.sk === SECRET_SK) secret = String(item.secret);
        else entries.push({ digest: String(item.sk).slice(2), token: String(item.token), erasedAt: String(item.erasedAt) });
      }
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return { secret, entries };
  }

  /** The installation's secret, made on first use; two erasures racing agree on one. */
  async secret(): Promise<string> {
    const fresh = randomBytes(32).toString('hex');
    await attempt('eraseSecret', this.table, async () => {
      try {
        await this.#client.send(
          new PutCommand({ TableName: this.table, Item: { pk: ERASURE_PK, sk: SECRET_SK, secret: fresh }, ConditionExpression: 'attribute_not_exists(pk)' }),
        );
      } catch (error) {
        if (!hasErrorName(error, 'ConditionalCheckFailedException')) throw error;
      }
    });
    const stored = await attempt('eraseSecret', this.table, () =>
      this.#client.send(new GetCommand({ TableName: this.table, Key: { pk: ERASURE_PK, sk: SECRET_SK }, ConsistentRead: true })),
    );
    return String(stored.Item?.secret);
  }

  async addEntries(entries: readonly ErasureEntry[]): Promise<void> {
    const items: Item[] = entries.map((entry) => ({ pk: ERASURE_PK, sk: entrySk(entry.digest), token: entry.token, erasedAt: entry.erasedAt }));
    await batchWrite(this.#client, this.table, items.map((Item) => ({ PutRequest: { Item } })), this.#writes);
  }

  /** Every item of the table, a Scan page at a time. */
  async *scan(): AsyncGenerator<Record<string, unknown>[], void, undefined> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const input = { TableName: this.table, ExclusiveStartKey: startKey, ConsistentRead: true };
      const result = await attempt('eraseScan', this.table, () => this.#client.send(new ScanCommand(input)));
      if (result.Items?.length) yield result.Items;
      startKey = result.LastEvaluatedKey;
    } while (startKey);
  }

  /** Writes into record chunks, for the records an erasure rewrites under new ids. */
  chunkWriter(): ChunkWriter {
    return new ChunkWriter({ client: this.#client, table: this.table, writes: this.#writes });
  }

  write(requests: readonly WriteRequest[]): Promise<void> {
    return batchWrite(this.#client, this.table, requests, this.#writes);
  }
}
