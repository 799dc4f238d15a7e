// `npm run bench`: the demo end to end, timed step by step, as the median (min–max) of several
// runs in fresh directories. Writes bench/results.json and prints a table.
// Usage: npm run bench [-- --scale small|medium|large] [--runs N]
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runDemo, type DemoScale } from '../functions/cli/demo-runner.ts';
import { silentLogger } from '../functions/runtime/logger.ts';

const { values } = parseArgs({ options: { scale: { type: 'string', default: 'medium' }, runs: { type: 'string', default: '3' } } });
const scale = values.scale as DemoScale;
const runs = Number(values.runs);

interface Figure { median: number; min: number; max: number }

function summarize(samples: number[]): Figure {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

const samples: Record<string, number[]> = {};
let counts: Record<string, number> = {};
for (let run = 0; run < runs; run++) {
  const dir = await mkdtemp(join(tmpdir(), 'pmpulse-bench-'));
  const started = performance.now();
  const result = await runDemo({ scale, seed: 42, asOf: '2026-11-01', dir, log: silentLogger });
  const total = performance.now() - started;
  counts = result.counts;
  for (const [step, ms] of Object.entries({ ...result.timings, total })) (samples[step] ??= []).push(ms);
  await rm(dir, { recursive: true, force: true });
}

const figures = Object.fromEntries(Object.entries(samples).map(([step, list]) => [step, summarize(list)]));
const results = {
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  demo: { scale, runs, counts, ms: figures, recordsPerSecondSync: Math.round(((counts.task ?? 0) + (counts.timeEntry ?? 0)) / (figures.sync!.median / 1000)) },
};
await writeFile(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);

console.log(`demo end to end, scale ${scale}, ${runs} runs (${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ')})`);
console.log('step'.padEnd(10), 'median s'.padStart(9), 'min s'.padStart(7), 'max s'.padStart(7));
for (const [step, figure] of Object.entries(figures)) {
  const s = (ms: number) => (ms / 1000).toFixed(2);
  console.log(step.padEnd(10), s(figure.median).padStart(9), s(figure.min).padStart(7), s(figure.max).padStart(7));
}
console.log(`sync throughput: ${results.demo.recordsPerSecondSync} tasks+time entries/s (HTTP, map, store)`);
