import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../functions/store/index.ts';
import { seeded } from './fault-proxy.ts';
import { startSyncChild, storedBatches, syncUntilDone } from './child.ts';
import { startWorld, type World } from './world.ts';
import { storeState, withoutRunTimes, type StoreState } from './store-state.ts';

const SEEDS = 20;
const LEASE_MS = 800;

async function stateOf(world: World, name: string): Promise<StoreState> {
  const store = await openStore(world.config(name).store);
  try {
    return withoutRunTimes(await storeState(store, ['jira', 'asana']));
  } finally {
    await store.close();
  }
}

describe('sync killed with SIGKILL at random points', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({ seed: 5, projects: 1 });
  });
  afterAll(async () => {
    await world?.close();
  });

  it(`converges to the state of an uninterrupted run after a rerun, over ${SEEDS} killed runs`, { timeout: 300_000 }, async () => {
    // Prepare: the uninterrupted run, timed so kills land inside a sync.
    const reference = await startSyncChild(await world.configFile('reference'), world.env).done;
    expect(reference.code, reference.stderr).toBe(0);
    const expected = await stateOf(world, 'reference');
    const batches = storedBatches(reference.stderr);
    expect(batches).toBeGreaterThan(5);
    let killed = 0;
    let seed = 0;
    // Kills are placed by progress (after a random number of stored batches, plus a few ms so they
    // land inside a write), not by the clock: a loaded machine makes run times vary too much.
    while (killed < SEEDS && seed < SEEDS * 2) {
      seed++;
      // Act: kill somewhere inside the sync, then rerun to completion.
      const config = await world.configFile(`crash-${seed}`);
      const random = seeded(seed);
      const killAfterBatches = 1 + Math.floor(random() * (batches - 1));
      const killDelayMs = Math.floor(random() * 20);
      const crashed = await startSyncChild(config, world.env, { leaseMs: LEASE_MS, killAfterBatches, killDelayMs }).done;
      if (crashed.signal === 'SIGKILL') killed++;
      const { result } = await syncUntilDone(config, world.env, LEASE_MS);
      // Assess
      expect(result.code, result.stderr).toBe(0);
      expect(await stateOf(world, `crash-${seed}`), `seed ${seed}, killed after batch ${killAfterBatches} + ${killDelayMs} ms`).toEqual(expected);
    }
    console.log(`sync killed ${killed} of ${seed} times (reference run ${Math.round(reference.ms)} ms, ${batches} batches)`);
    expect(killed).toBe(SEEDS);
  });
});
