import { openStoreRuntime, runSync, type StoreRuntime, type SyncDeadline, type SyncSummary } from '../../functions/pipeline/index.ts';
import type { Logger } from '../../functions/runtime/logger.ts';
import type { CountingWorld } from './counting-world.ts';
import { storeState, withoutRunTimes, type StoreState } from './store-state.ts';

/**
 * Syncs that stop at a deadline, run again and again until one completes, as the sync Lambda is
 * looped by its state machine. The deadline comes after a number of stored checkpoints, not after
 * a number of seconds, so where the runs stop does not depend on how loaded the machine is.
 */

export const sources = ['jira', 'asana'];

const quiet: Logger = { info() {}, warn() {}, error: (message, details) => console.error(message, details ?? '') };

/** A deadline that is near once `checkpoints` checkpoints were stored in this run. */
export function afterCheckpoints(checkpoints: number): SyncDeadline {
  let seen = 0;
  return { isNear: () => ++seen >= checkpoints };
}

export interface CutOutcome {
  /** Runs it took, the last one complete. */
  runs: number;
  requests: number;
  ms: number;
}

/** `now`: the clock the sync reads (the start of a read, the next cursor); the wall clock when absent. */
export async function withStore<T>(world: CountingWorld, name: string, use: (runtime: StoreRuntime) => Promise<T>, now?: () => Date): Promise<T> {
  const runtime = await openStoreRuntime(world.config(name), { env: world.env, log: quiet, ...(now ? { now } : {}) });
  try {
    return await use(runtime);
  } finally {
    await runtime.close();
  }
}

/** One sync (of `sources`, all when absent), to the end unless `deadline` stops it. */
export async function syncOnce(world: CountingWorld, runtime: StoreRuntime, deadline?: SyncDeadline, sources?: string[]): Promise<SyncSummary> {
  const summary = await runSync(runtime.config, { runtime, env: world.env, ...(deadline ? { deadline } : {}), ...(sources ? { sources } : {}) });
  if (!summary.ok) throw new Error(`sync failed: ${summary.runs.map((run) => run.error ?? '').join('; ')}`);
  return summary;
}

/**
 * Runs syncs, each with a fresh deadline from `deadline()`, until one completes; `between(run)`
 * is called after each run that stopped (to edit the source mid-way).
 */
export async function syncUntilComplete(
  world: CountingWorld,
  runtime: StoreRuntime,
  deadline: () => SyncDeadline,
  between?: (run: number) => Promise<void>,
  sources?: string[],
): Promise<CutOutcome> {
  const before = world.requests();
  const started = performance.now();
  for (let run = 1; run <= 10_000; run += 1) {
    const summary = await syncOnce(world, runtime, deadline(), sources);
    if (summary.complete) return { runs: run, requests: world.requests() - before, ms: performance.now() - started };
    await between?.(run);
  }
  throw new Error('the sync never completed');
}

export async function stateOf(runtime: StoreRuntime): Promise<StoreState> {
  return withoutRunTimes(await storeState(runtime.store, sources));
}
