/**
 * What the version guard costs: the same records written by a plain batch put (one item per
 * record), by the store into its chunks on an empty table (a first sync) and again (a rerun).
 *   node test/faults/bench-guard.ts [records]
 */
import { batchPut } from '../../functions/store/batch-writer.ts';
import { recordItem } from '../../functions/store/items.ts';
import { DynamoStore } from '../../functions/store/index.ts';
import type { Task } from '../../functions/domain/index.ts';
import { startHarness, task } from '../store/helpers.ts';

const count = Number(process.argv[2] ?? 20_000);
const harness = await startHarness();
const options = { sleep: async () => {}, concurrency: 8, maxAttempts: 10, baseDelayMs: 50 };
const items = Array.from({ length: count }, (_, n) => recordItem('task', task('bench', n, { updatedAt: '2025-02-03T10:00:00.000Z' })));
const batch = 500;

async function time(label: string, table: DynamoStore, write: (from: number, to: number) => Promise<unknown>) {
  const started = performance.now();
  for (let i = 0; i < items.length; i += batch) await write(i, i + batch);
  const ms = performance.now() - started;
  console.log(`${label.padEnd(34)} ${(ms / 1000).toFixed(1)} s  (${Math.round((count / ms) * 1000)} records/s, table ${table.table})`);
}

const plain = await harness.freshStore();
const guarded = await harness.freshStore();
await time('plain batch put, empty table', plain, (from, to) => batchPut(harness.client, plain.table, items.slice(from, to), options));
const records = items.map((item) => item.record as Task);
const rerun = new DynamoStore(harness.client, guarded.table);
await time('store put, empty table', guarded, (from, to) => guarded.putRecords('task', records.slice(from, to)));
await time('store put, rerun on a full table', rerun, (from, to) => rerun.putRecords('task', records.slice(from, to)));
await harness.stop();
