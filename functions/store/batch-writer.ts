import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { hasErrorName, StoreError, toStoreError } from './errors.ts';

/**
 * Bulk writes: BatchWriteItem takes at most 25 items, so a sync of 100k entries is thousands of
 * requests; several run at once. DynamoDB may accept a request yet leave some items unprocessed
 * (or throttle it whole) under load: those are retried with exponential backoff until written or
 * until the attempts run out, which throws. No item is ever silently dropped.
 */
export type Item = Record<string, unknown> & { pk: string; sk: string };
export type Key = { pk: string; sk: string };

/** One write of a batch: a whole item replaced, or a key removed. */
export type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Key } };

export interface BatchWriteOptions {
  sleep: (ms: number) => Promise<void>;
  /** Requests in flight at once. */
  concurrency: number;
  /** Attempts per 25-item chunk before giving up. */
  maxAttempts: number;
  /** Backoff before the n-th retry is `baseDelayMs * 2^n`, capped, with full jitter. */
  baseDelayMs: number;
  random?: () => number;
}

export const BATCH_SIZE = 25;
const maxDelayMs = 5_000;
const throttled = ['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded'];

function keyOf(request: WriteRequest): Key {
  return 'PutRequest' in request ? request.PutRequest.Item : request.DeleteRequest.Key;
}

/** One request may not name the same key twice; the last write of a key is the one that counts. */
function lastWriteOfEachKey(requests: readonly WriteRequest[]): WriteRequest[] {
  const byKey = new Map<string, WriteRequest>();
  for (const request of requests) {
    const { pk, sk } = keyOf(request);
    const key = `${pk}\u0000${sk}`;
    byKey.delete(key);
    byKey.set(key, request);
  }
  return [...byKey.values()];
}

function backoff(attempt: number, options: BatchWriteOptions): number {
  const ceiling = Math.min(maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling * (options.random ?? Math.random)());
}

async function writeChunk(client: DynamoDBDocumentClient, table: string, chunk: WriteRequest[], options: BatchWriteOptions) {
  let pending = chunk;
  for (let attempt = 0; attempt < options.maxAttempts; attempt++) {
    if (attempt > 0) await options.sleep(backoff(attempt, options));
    try {
      const result = await client.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      const unprocessed = result.UnprocessedItems?.[table] ?? [];
      if (unprocessed.length === 0) return;
      pending = unprocessed as WriteRequest[];
    } catch (error) {
      if (!hasErrorName(error, ...throttled)) throw toStoreError(error, 'batchWrite', table);
    }
  }
  throw new StoreError('batchWrite', table, `${pending.length} item(s) still unprocessed after ${options.maxAttempts} attempts`);
}

/** Writes every item, `concurrency` requests at a time; resolves once all are stored. */
export function batchPut(client: DynamoDBDocumentClient, table: string, items: readonly Item[], options: BatchWriteOptions): Promise<void> {
  return batchWrite(client, table, items.map((Item) => ({ PutRequest: { Item } })), options);
}

/** Removes every key (absent keys are no error), `concurrency` requests at a time. */
export function batchDelete(client: DynamoDBDocumentClient, table: string, keys: readonly Key[], options: BatchWriteOptions): Promise<void> {
  return batchWrite(client, table, keys.map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } })), options);
}

/** Applies every put and delete, `concurrency` requests at a time; resolves once all are applied. */
export async function batchWrite(
  client: DynamoDBDocumentClient,
  table: string,
  requests: readonly WriteRequest[],
  options: BatchWriteOptions,
): Promise<void> {
  const unique = lastWriteOfEachKey(requests);
  let next = 0;
  let failed = false;
  const worker = async () => {
    // A failed chunk stops the others from starting new ones; the first error is reported.
    while (!failed && next < unique.length) {
      const chunk = unique.slice(next, next + BATCH_SIZE);
      next += BATCH_SIZE;
      try {
        await writeChunk(client, table, chunk, options);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, Math.ceil(unique.length / BATCH_SIZE)));
  const results = await Promise.allSettled(Array.from({ length: workers }, worker));
  const rejected = results.find((result) => result.status === 'rejected');
  if (rejected) throw rejected.reason;
}
