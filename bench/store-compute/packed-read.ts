// What packing records into items would gain: the same time entries read as one item per record
// (DynamoStore.scanRecords, one partition at a time and sixteen at once) and as packed items (256
// records per item as one JSON string, in 16 partitions), from one fresh embedded store.
// Wall and CPU time of each reading. A measurement for the layout decision, not a layout in use.
// Usage: node bench/store-compute/packed-read.ts [--entries 100000] [--per-item 256]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoStore, SHARD_COUNT, startEmbeddedDynamo } from '../../functions/store/index.ts';
import { batchPut } from '../../functions/store/batch-writer.ts';
import { parallelPages } from '../../functions/store/parallel-pages.ts';
import { queryPages } from '../../functions/store/query.ts';
import { TimeEntrySchema, type TimeEntry } from '../../functions/domain/records.ts';
import { entryPages, sizeFor } from '../kpi/synthetic.ts';
import { printResult } from '../lib/child.ts';

const { values } = parseArgs({ options: { entries: { type: 'string', default: '100000' }, 'per-item': { type: 'string', default: '256' } } });
const count = Number(values.entries);
const perItem = Number(values['per-item']);
const entries = [...entryPages(sizeFor(Math.ceil(count / 5)), 1)].flat().slice(0, count);
const table = 'pmpulse';
const writes = { sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)), concurrency: 8, maxAttempts: 10, baseDelayMs: 50 };
const packPk = (partition: number) => `PACKED#timeEntry#bench#${String(partition).padStart(2, '0')}`;

async function timed(step: () => Promise<number>) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const records = await step();
  const used = process.cpuUsage(cpu);
  return { records, ms: Math.round(performance.now() - started), cpuMs: Math.round((used.user + used.system) / 1000) };
}

const dir = await mkdtemp(join(tmpdir(), 'pmpulse-bench-packed-'));
const server = await startEmbeddedDynamo({ dir });
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'local', endpoint: server.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
try {
  const store = new DynamoStore(client, table);
  await store.ensureTable();
  await store.putRecords('timeEntry', entries);
  const packs = [];
  for (let start = 0; start < entries.length; start += perItem) {
    const index = start / perItem;
    packs.push({ pk: packPk(index % SHARD_COUNT), sk: String(index).padStart(9, '0'), records: JSON.stringify(entries.slice(start, start + perItem)) });
  }
  await batchPut(client, table, packs, writes);

  const perRecord = (readConcurrency: number) => async () => {
    let n = 0;
    for await (const page of new DynamoStore(client, table, { readConcurrency }).scanRecords('timeEntry')) n += page.length;
    return n;
  };
  // Parsed through the same schema as scanRecords does, so both readings do the same work per record.
  const packed = async () => {
    let n = 0;
    const partitions = Array.from({ length: SHARD_COUNT }, (_, partition) => packPk(partition));
    const pagesOf = (pk: string) => queryPages(client, table, pk, { operation: 'packedRead', attributes: ['records'] });
    for await (const page of parallelPages(partitions, pagesOf, { concurrency: SHARD_COUNT, pagesAhead: 64 })) {
      for (const item of page) n += (JSON.parse(String(item.records)) as unknown[]).map((record) => TimeEntrySchema.parse(record) as TimeEntry).length;
    }
    return n;
  };
  printResult({
    entries: entries.length,
    packedItems: packs.length,
    oneItemPerRecordOneAtATime: await timed(perRecord(1)),
    oneItemPerRecordSixteenAtOnce: await timed(perRecord(SHARD_COUNT)),
    packed: await timed(packed),
  });
} finally {
  client.destroy();
  await server.close();
  await rm(dir, { recursive: true, force: true });
}
