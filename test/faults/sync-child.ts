/**
 * `pmpulse sync` as a child process the crash tests can kill -9: the same runSync the CLI calls,
 * with a short lease (a killed run blocks the next one only briefly). After every batch of
 * records it stores it writes a `stored` line to stderr, so a test can kill it mid-sync by
 * progress rather than by a clock that a loaded machine makes unreliable.
 *   node test/faults/sync-child.ts CONFIG LEASE_MS
 * Exit 0 synced; 3 another sync holds the lease; 1 anything else.
 */
import { loadConfig } from '../../functions/config/index.ts';
import { describeError, openRuntime, runSync } from '../../functions/pipeline/index.ts';

const [file, leaseMs] = process.argv.slice(2);
try {
  const config = await loadConfig(file!);
  const runtime = await openRuntime(config);
  const putRecords = runtime.store.putRecords.bind(runtime.store);
  runtime.store.putRecords = async (kind, records) => {
    await putRecords(kind, records);
    process.stderr.write('stored\n');
  };
  try {
    const summary = await runSync(config, { leaseMs: Number(leaseMs ?? 1000), runtime });
    process.stdout.write(`${JSON.stringify(summary.runs.map((run) => ({ source: run.source, counts: run.counts, ok: run.ok })))}\n`);
    process.exitCode = summary.ok ? 0 : 1;
  } finally {
    await runtime.close();
  }
} catch (error) {
  const message = describeError(error);
  process.stderr.write(`${message}\n`);
  process.exitCode = /another sync is running/.test(message) ? 3 : 1;
}
