/**
 * `pmpulse sync` as a child process the crash tests can kill -9: the same runSync the CLI calls,
 * with a short lease (a killed run blocks the next one only briefly).
 *   node test/faults/sync-child.ts CONFIG LEASE_MS
 * Exit 0 synced; 3 another sync holds the lease; 1 anything else.
 */
import { loadConfig } from '../../functions/config/index.ts';
import { describeError, runSync } from '../../functions/pipeline/index.ts';

const [file, leaseMs] = process.argv.slice(2);
try {
  const summary = await runSync(await loadConfig(file!), { leaseMs: Number(leaseMs ?? 1000) });
  process.stdout.write(`${JSON.stringify(summary.runs.map((run) => ({ source: run.source, counts: run.counts, ok: run.ok })))}\n`);
  process.exitCode = summary.ok ? 0 : 1;
} catch (error) {
  const message = describeError(error);
  process.stderr.write(`${message}\n`);
  process.exitCode = /another sync is running/.test(message) ? 3 : 1;
}
