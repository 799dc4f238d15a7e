// `npm run bench`: pmpulse against what a user would pick instead, and against its targets, in one
// run. Every figure is a median (min–max) of several runs; every comparison a ratio per pair.
// Writes bench/results.json and prints a table. Method and latest figures: bench/PERFORMANCE.md.
// Usage: npm run bench [-- --full] [--runs N] [--only demo,connectors,store,compute,kpi,site,forecast,lambda] [--compute-tasks N,M]
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { printTable } from './lib/table.ts';
import { describeMachine } from './lib/machine.ts';
import { buildRows, type Figures } from './report.ts';

const { values } = parseArgs({
  options: { full: { type: 'boolean', default: false }, runs: { type: 'string' }, only: { type: 'string' }, 'compute-tasks': { type: 'string' } },
});
const full = values.full;
const runs = (fallback: number) => (values.runs === undefined ? fallback : Number(values.runs));
const wanted = (section: string) => values.only === undefined || values.only.split(',').includes(section);

/** The default run finishes in a few minutes; --full adds the 1M-task size and more runs. */
const plan = {
  kpi: full ? [{ tasks: 100_000, runs: runs(5) }, { tasks: 1_000_000, runs: runs(3) }] : [{ tasks: 100_000, runs: runs(5) }],
  connectors: { scale: full ? ('medium' as const) : ('small' as const), runs: runs(full ? 3 : 5) },
  store: { items: full ? 50_000 : 10_000, runs: runs(full ? 3 : 5) },
  // From the embedded store to published JSON. The stores are written once and kept (.pmpulse/bench-store):
  // 1M tasks is 7.4M items. The one-partition-at-a-time reading is timed beside the parallel one below 1M.
  compute: (values['compute-tasks']?.split(',').map(Number) ?? (full ? [100_000, 1_000_000] : [20_000])).map((tasks) => ({
    tasks,
    runs: runs(tasks >= 1_000_000 ? 1 : 3),
    sequential: tasks < 1_000_000,
  })),
  demo: { scale: 'medium' as const, runs: runs(full ? 5 : 3) },
  site: { runs: runs(full ? 3 : 1) },
  lambda: { runs: runs(full ? 9 : 5) },
  forecast: { runs: runs(full ? 7 : 3) },
};

const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);
const started = new Date();
const machineAtStart = describeMachine();
const figures: Figures = {};
const failures: Record<string, string> = {};

/**
 * Each section loads its code only when it runs, and a section that fails is reported as failed:
 * one broken module must not cost the figures of all the others.
 */
async function section(name: string, message: string, step: () => Promise<void>): Promise<void> {
  if (!wanted(name)) return;
  progress(message);
  try {
    await step();
  } catch (error) {
    failures[name] = error instanceof Error ? (error.stack ?? error.message) : String(error);
    progress(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

await section('kpi', `KPI compute at ${plan.kpi.map((size) => size.tasks).join(', ')} tasks (pmpulse, DuckDB pairs)`, async () => {
  const { benchKpi } = await import('./kpi/compare.ts');
  figures.kpi = [];
  for (const size of plan.kpi) figures.kpi.push(await benchKpi(size));
});
await section('connectors', `connectors, ${plan.connectors.scale} organisation, ${plan.connectors.runs} runs`, async () => {
  figures.connectors = await (await import('./connectors/throughput.ts')).benchConnectors(plan.connectors);
});
await section('connectors', 'resumable sync: reads cut at every checkpoint against uninterrupted ones, in API calls', async () => {
  figures.resumable = await (await import('./connectors/resumable.ts')).benchResumableSync();
});
await section('store', `store writes, ${plan.store.items} items, ${plan.store.runs} pairs (store, raw BatchWrite)`, async () => {
  figures.storeWrites = await (await import('./store-writes.ts')).benchStoreWrites(plan.store);
});
await section('compute', `compute + publish from the embedded store at ${plan.compute.map((size) => size.tasks).join(', ')} tasks`, async () => {
  const { benchStoreCompute } = await import('./store-compute/index.ts');
  const { recordHistory } = await import('./store-compute/history-file.ts');
  const root = new URL('../.pmpulse/bench-store/', import.meta.url).pathname;
  figures.storeCompute = [];
  for (const size of plan.compute) {
    const result = await benchStoreCompute({ ...size, root, progress });
    figures.storeCompute.push(result);
    const { before: _before, ...kept } = result;
    await recordHistory(kept);
  }
});
await section('demo', `demo end to end, ${plan.demo.scale}, ${plan.demo.runs} runs`, async () => {
  figures.demo = await (await import('./demo.ts')).benchDemo(plan.demo);
});
await section('site', `site build at 200 PMs, ${plan.site.runs} run(s)`, async () => {
  figures.siteScale = await (await import('./external.ts')).benchSiteScale(plan.site);
});
await section('forecast', `forecast trials, ${plan.forecast.runs} runs`, async () => {
  figures.forecast = await (await import('./forecast.ts')).benchForecast(plan.forecast);
});
await section('lambda', `Lambda bundles and cold init, ${plan.lambda.runs} runs`, async () => {
  figures.lambda = await (await import('./external.ts')).benchLambda(plan.lambda);
});

const rows = buildRows(figures, full, failures);
const results = {
  command: `npm run bench${full ? ' -- --full' : ''}`,
  startedAt: started.toISOString(),
  finishedAt: new Date().toISOString(),
  machine: { ...machineAtStart, loadAverageAtEnd: describeMachine().loadAverage },
  plan,
  figures,
  failures,
  table: rows,
};
await writeFile(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
const machine = results.machine;
printTable(`pmpulse bench (${full ? 'full' : 'default'}) on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, load ${machine.loadAverage}→${machine.loadAverageAtEnd}`, rows);
const missed = rows.filter((row) => row.met === false).length;
console.log(`\n${rows.filter((row) => row.met !== undefined).length} targets checked, ${missed} missed. Figures: bench/results.json`);
