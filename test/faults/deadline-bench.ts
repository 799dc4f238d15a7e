/**
 * API calls and wall time of a first sync cut by deadlines against one uninterrupted (not in CI):
 *   node test/faults/deadline-bench.ts [scale] [cut] [projects per system]
 * `cut` is checkpoints per run (`5`) or seconds per run (`3s`, a wall-clock deadline), e.g.
 * `node test/faults/deadline-bench.ts small 5` or `node test/faults/deadline-bench.ts medium 3s`.
 * Prints both runs and whether the stores agree, record for record.
 */
import { isDeepStrictEqual } from 'node:util';
import type { DemoScale } from '../../demo/generator/index.ts';
import { deadlineIn } from '../../functions/pipeline/index.ts';
import { startCountingWorld } from './counting-world.ts';
import { afterCheckpoints, stateOf, syncOnce, syncUntilComplete, withStore } from './cut-sync.ts';
import { tally } from './store-state.ts';

const scale = (process.argv[2] ?? 'small') as DemoScale;
const cutText = process.argv[3] ?? '5';
const seconds = cutText.endsWith('s') ? Number(cutText.slice(0, -1)) : undefined;
const deadline = () => (seconds === undefined ? afterCheckpoints(Number(cutText)) : deadlineIn(seconds * 1000));
const cutLabel = seconds === undefined ? `every ${cutText} checkpoints` : `every ${seconds} s`;
const projects = process.argv[4] === undefined ? undefined : Number(process.argv[4]);
const world = await startCountingWorld({ scale, ...(projects === undefined ? {} : { projects }) });
try {
  // A first sync warms the code and the servers' caches, so neither measured run pays for that.
  await withStore(world, 'warm-up', (runtime) => syncOnce(world, runtime));
  const before = world.requests();
  const started = performance.now();
  const reference = await withStore(world, 'reference', async (runtime) => {
    await syncOnce(world, runtime);
    return stateOf(runtime);
  });
  const whole = { requests: world.requests() - before, ms: performance.now() - started };
  const { cut, state } = await withStore(world, 'cut', async (runtime) => ({ cut: await syncUntilComplete(world, runtime, deadline), state: await stateOf(runtime) }));
  const { counts, duplicates } = tally(state);
  console.log(`${scale}${projects === undefined ? '' : ` (${projects} projects per system)`}: ${JSON.stringify(counts)}`);
  console.log(`uninterrupted: ${whole.requests} API calls, ${(whole.ms / 1000).toFixed(1)} s`);
  console.log(`cut ${cutLabel}: ${cut.runs} runs, ${cut.requests} API calls (${(cut.requests / whole.requests).toFixed(3)}x), ${(cut.ms / 1000).toFixed(1)} s (${(cut.ms / whole.ms).toFixed(2)}x)`);
  console.log(`same store: ${isDeepStrictEqual(state, reference)}, duplicates: ${duplicates.length}`);
} finally {
  await world.close();
}
