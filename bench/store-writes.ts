import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TimeEntry } from '../functions/domain/records.ts';
import { ensureTable, openStore, startEmbeddedDynamo } from '../functions/store/index.ts';
import { recordItem } from '../functions/store/items.ts';
import { collect, perSecond, summarizeAll } from './lib/stats.ts';
import { entryPages, sizeFor } from './kpi/synthetic.ts';

/**
 * The store's write path (DynamoStore.putRecords: the schema check, packing into chunks under the
 * version rule, registry, retries) against the least a user could write by hand: BatchWriteItem of
 * the same records one item each (the layout before packing), 25 at a time,
 * as many requests in flight as the store uses, resending what comes back unprocessed.
 * Both write into a fresh embedded server each run; the ratio is store time ÷ raw time, per pair.
 */

const TABLE = 'pmpulse';
const CONCURRENCY = 8; // DynamoStore's default writeConcurrency

async function inFreshDir<T>(step: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'pmpulse-bench-store-'));
  try {
    return await step(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const viaStore = (entries: readonly TimeEntry[]) =>
  inFreshDir(async (dir) => {
    const store = await openStore({ type: 'embedded', dir, table: TABLE });
    try {
      const started = performance.now();
      await store.putRecords('timeEntry', entries);
      return performance.now() - started;
    } finally {
      await store.close();
    }
  });

const rawBatchWrite = (entries: readonly TimeEntry[]) =>
  inFreshDir(async (dir) => {
    const server = await startEmbeddedDynamo({ dir });
    const base = new DynamoDBClient({ region: 'local', endpoint: server.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const client = DynamoDBDocumentClient.from(base);
    try {
      await ensureTable(client, TABLE);
      const items = entries.map((entry) => recordItem('timeEntry', entry));
      const started = performance.now();
      await writeAll(client, items);
      return performance.now() - started;
    } finally {
      base.destroy();
      await server.close();
    }
  });

async function writeAll(client: DynamoDBDocumentClient, items: readonly Record<string, unknown>[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      let pending = items.slice(next, (next += 25)).map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        const result = await client.send(new BatchWriteCommand({ RequestItems: { [TABLE]: pending } }));
        pending = (result.UnprocessedItems?.[TABLE] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

export async function benchStoreWrites(options: { items: number; runs: number }) {
  const [entries] = [...entryPages(sizeFor(Math.ceil(options.items / 5)), 11, options.items)];
  const samples: Record<string, number[]> = {};
  for (let run = 0; run < options.runs; run++) {
    const storeMs = await viaStore(entries!);
    const rawMs = await rawBatchWrite(entries!);
    collect(samples, { storeMs, rawMs, overhead: storeMs / rawMs });
  }
  const figures = summarizeAll(samples);
  return {
    items: entries!.length,
    concurrency: CONCURRENCY,
    itemsPerSecond: { store: perSecond(figures.storeMs!, entries!.length), raw: perSecond(figures.rawMs!, entries!.length) },
    ms: { store: figures.storeMs!, raw: figures.rawMs! },
    /** Store time ÷ raw BatchWrite time, pair by pair: 1.0 means no overhead. */
    overheadRatio: figures.overhead!,
  };
}
