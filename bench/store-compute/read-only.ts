// The read path alone: every record of every kind read through scanRecords, nothing computed.
// Wall time, CPU time and items per second at one read concurrency, on any embedded store.
// With --endpoint (a DynamoDB-compatible server in another process, e.g. dynalite started by hand)
// the CPU time is the reader's alone, as a Lambda reading DynamoDB would spend it.
// Usage: node bench/store-compute/read-only.ts (--db DIR | --endpoint URL) [--table pmpulse] [--read-concurrency 16]
import { parseArgs } from 'node:util';
import { openStore } from '../../functions/store/index.ts';
import { peakRssMiB, printResult } from '../lib/child.ts';

const { values } = parseArgs({ options: { db: { type: 'string' }, endpoint: { type: 'string' }, table: { type: 'string', default: 'pmpulse' }, 'read-concurrency': { type: 'string', default: '16' } } });
const where = values.endpoint ? ({ type: 'dynamodb', endpoint: values.endpoint, table: values.table } as const) : ({ type: 'embedded', dir: values.db!, table: values.table } as const);
const store = await openStore(where, { readConcurrency: Number(values['read-concurrency']) });
const counts: Record<string, number> = {};
const cpu = process.cpuUsage();
const started = performance.now();
try {
  for (const kind of ['project', 'person', 'task', 'statusChange', 'timeEntry'] as const) {
    let n = 0;
    for await (const page of store.scanRecords(kind)) n += page.length;
    counts[kind] = n;
  }
} finally {
  await store.close();
}
const ms = performance.now() - started;
const used = process.cpuUsage(cpu);
const items = Object.values(counts).reduce((sum, n) => sum + n, 0);
printResult({ readConcurrency: Number(values['read-concurrency']), counts, items, ms: Math.round(ms), cpuMs: Math.round((used.user + used.system) / 1000), itemsPerSecond: Math.round(items / (ms / 1000)), rssMiB: peakRssMiB() });
