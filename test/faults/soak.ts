/**
 * Soak: syncs a large demo org through the fault proxy several times over, printing heap and RSS
 * after each pass, to show memory stays flat across passes (not in CI; see README.md).
 *   node --expose-gc test/faults/soak.ts [passes] [projects per system]
 */
import { openRuntime } from '../../functions/pipeline/runtime.ts';
import { runSync } from '../../functions/pipeline/index.ts';
import type { Logger } from '../../functions/runtime/logger.ts';
import { startWorld } from './world.ts';
import { storeState, tally } from './store-state.ts';

const passes = Number(process.argv[2] ?? 5);
const projects = Number(process.argv[3] ?? 7);
const quiet = { info() {}, warn() {}, error: console.error, debug() {} } as unknown as Logger;
const world = await startWorld({ seed: 3, projects, faults: { rate: 0.1, kinds: ['rate-limit', 'server-error', 'timeout', 'truncated'] } });
const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
try {
  for (let pass = 1; pass <= passes; pass++) {
    const config = world.config(`soak-${pass}`);
    const runtime = await openRuntime(config, { env: world.env, log: quiet });
    const started = performance.now();
    try {
      const summary = await runSync(config, { runtime, env: world.env });
      const { counts, duplicates } = tally(await storeState(runtime.store, ['jira', 'asana']));
      globalThis.gc?.();
      const memory = process.memoryUsage();
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`pass ${pass}: ok=${summary.ok} ${JSON.stringify(counts)} duplicates=${duplicates.length} ${seconds} s heap ${mb(memory.heapUsed)} rss ${mb(memory.rss)}`);
    } finally {
      await runtime.close();
    }
  }
} finally {
  await world.close();
}
