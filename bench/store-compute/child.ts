// Child script: compute and publish from an embedded store written by fill.ts, in its own process
// so its peak RSS is its own. Prints wall time, CPU time (user + system) and peak RSS.
// Usage: node bench/store-compute/child.ts --dir DIR --read-concurrency N
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig } from '../../functions/config/index.ts';
import { runCompute, runPublish } from '../../functions/pipeline/index.ts';
import { silentLogger } from '../../functions/runtime/logger.ts';
import { peakRssMiB, printResult } from '../lib/child.ts';
import { AS_OF, WINDOW_DAYS, syntheticThemes } from '../kpi/synthetic.ts';

const { values } = parseArgs({ options: { dir: { type: 'string' }, 'read-concurrency': { type: 'string', default: '16' } } });
const reports = await mkdtemp(join(tmpdir(), 'pmpulse-bench-reports-'));
try {
  const config = parseConfig({
    store: { type: 'embedded', dir: join(values.dir!, 'db'), table: 'pmpulse' },
    reports: { type: 'dir', dir: reports },
    themes: syntheticThemes(),
    kpi: { windowDays: WINDOW_DAYS },
  });
  const storeOptions = { readConcurrency: Number(values['read-concurrency']) };
  const cpu = process.cpuUsage();
  const started = performance.now();
  await runCompute(config, { asOf: AS_OF, log: silentLogger, storeOptions });
  const computeMs = performance.now() - started;
  await runPublish(config, { log: silentLogger });
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  printResult({ ms: Math.round(ms), computeMs: Math.round(computeMs), cpuMs: Math.round((used.user + used.system) / 1000), rssMiB: peakRssMiB() });
} finally {
  await rm(reports, { recursive: true, force: true });
}
