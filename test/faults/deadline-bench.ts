/**
 * API calls and wall time of a first sync cut by deadlines against one uninterrupted (not in CI):
 *   node test/faults/deadline-bench.ts [scale] [checkpoints per run] [projects per system]
 * e.g. `node test/faults/deadline-bench.ts small 5` or `node test/faults/deadline-bench.ts medium 20`.
 * Prints both runs and whether the stores agree, record for record.
 */
import { isDeepStrictEqual } from 'node:util';
import type { DemoScale } from '../../demo/generator/index.ts';
import { startCountingWorld } from './counting-world.ts';
import { afterCheckpoints, stateOf, syncOnce, syncUntilComplete, withStore } from './cut-sync.ts';
import { tally } from './store-state.ts';

const scale = (process.argv[2] ?? 'small') as DemoScale;
const checkpoints = Number(process.argv[3] ?? 5);
const projects = process.argv[4] === undefined ? undefined : Number(process.argv[4]);
const world = await startCountingWorld({ scale, ...(projects === undefined ? {} : { projects }) });
try {
  const before = world.requests();
  const started = performance.now();
  const reference = await withStore(world, 'reference', async (runtime) => {
    await syncOnce(world, runtime);
    return stateOf(runtime);
  });
  const whole = { requests: world.requests() - before, ms: performance.now() - started };
  const { cut, state } = await withStore(world, 'cut', async (runtime) => ({ cut: await syncUntilComplete(world, runtime, () => afterCheckpoints(checkpoints)), state: await stateOf(runtime) }));
  const { counts, duplicates } = tally(state);
  console.log(`${scale}${projects === undefined ? '' : ` (${projects} projects per system)`}: ${JSON.stringify(counts)}`);
  console.log(`uninterrupted: ${whole.requests} API calls, ${(whole.ms / 1000).toFixed(1)} s`);
  console.log(`cut every ${checkpoints} checkpoints: ${cut.runs} runs, ${cut.requests} API calls (${(cut.requests / whole.requests).toFixed(3)}x), ${(cut.ms / 1000).toFixed(1)} s (${(cut.ms / whole.ms).toFixed(2)}x)`);
  console.log(`same store: ${isDeepStrictEqual(state, reference)}, duplicates: ${duplicates.length}`);
} finally {
  await world.close();
}
