import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { hasErrorName, StoreError, toStoreError } from './errors.ts';

/**
 * Bulk writes: BatchWriteItem takes at most 25 items, so a sync of 100k entries is thousands of
 * requests; several run at once. DynamoDB may accept a request yet leave some items unprocessed
 * (or throttle it whole) under load: those are retried with exponential backoff until written or
 * until the attempts run out, which throws. No item is ever silently dropped.
 */
export type Item = Record<string, unknown> & { pk: string; sk: string };

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

/** One request may not name the same key twice; the last write of a key is the one that counts. */
function lastWriteOfEachKey(items: readonly Item[]): Item[] {
  const byKey = new Map<string, Item>();
  for (const item of items) {
    const key = `${item.pk}\u0000${item.sk}`;
    byKey.delete(key);
    byKey.set(key, item);
  }
  return [...byKey.values()];
}

function backoff(attempt: number, options: BatchWriteOptions): number {
  const ceiling = Math.min(maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling * (options.random ?? Math.random)());
}

async function writeChunk(client: DynamoDBDocumentClient, table: string, chunk: Item[], options: BatchWriteOptions) {
  let pending = chunk.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 0; attempt < options.maxAttempts; attempt++) {
    if (attempt > 0) await options.sleep(backoff(attempt, options));
    try {
      const result = await client.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      const unprocessed = result.UnprocessedItems?.[table] ?? [];
      if (unprocessed.length === 0) return;
      pending = unprocessed.map((request) => ({ PutRequest: { Item: request.PutRequest?.Item as Item } }));
    } catch (error) {
      if (!hasErrorName(error, ...throttled)) throw toStoreError(error, 'batchWrite', table);
    }
  }
  throw new StoreError('batchWrite', table, `${pending.length} item(s) still unprocessed after ${options.maxAttempts} attempts`);
}

/** Writes every item (puts only), `concurrency` requests at a time; resolves once all are stored. */
export async function batchPut(
  client: DynamoDBDocumentClient,
  table: string,
  items: readonly Item[],
  options: BatchWriteOptions,
): Promise<void> {
  const unique = lastWriteOfEachKey(items);
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
