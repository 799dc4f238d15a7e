import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, startEmbeddedDynamo, type EmbeddedDynamo } from '../../functions/store/index.ts';
import type { DynamoStore } from '../../functions/store/dynamo-store.ts';
import { holdLease } from '../../functions/pipeline/lease.ts';
import type { Logger } from '../../functions/runtime/logger.ts';
import { startSyncChild } from './child.ts';
import { startWorld, type World } from './world.ts';

/** Both runs share one DynamoDB endpoint, as two Lambdas share the table: only the lease keeps them apart. */
describe('two syncs started at once', () => {
  let world: World;
  let dynamo: EmbeddedDynamo;
  beforeAll(async () => {
    world = await startWorld({ seed: 9, projects: 1 });
    dynamo = await startEmbeddedDynamo({ dir: `${world.dir}/shared-db` });
  });
  afterAll(async () => {
    await dynamo?.close();
    await world?.close();
  });

  it('lets exactly one do the work; the other exits with a message', async () => {
    // Prepare
    const store = { type: 'dynamodb' as const, table: 'pmpulse', endpoint: dynamo.endpoint, region: 'local' };
    const config = await world.configFile('shared', store);
    // Act
    const results = await Promise.all([startSyncChild(config, world.env).done, startSyncChild(config, world.env).done]);
    // Assess
    const codes = results.map((result) => result.code).sort();
    expect(codes, results.map((result) => result.stderr).join('\n')).toEqual([0, 3]);
    expect(results.find((result) => result.code === 3)?.stderr).toMatch(/another sync is running; nothing done/);
    const opened = (await openStore(store)) as DynamoStore;
    try {
      expect(await opened.listSyncRuns('jira')).toHaveLength(1);
      expect(await opened.listSyncRuns('asana')).toHaveLength(1);
    } finally {
      await opened.close();
    }
  });

  it('keeps the lease through a step longer than the lease itself, by renewing it', async () => {
    const store = await openStore({ type: 'dynamodb', table: 'renewal', endpoint: dynamo.endpoint, region: 'local' });
    const log = { info() {}, warn() {}, error() {}, debug() {} } as unknown as Logger;
    try {
      // A 200 ms lease held for 700 ms: without renewal the rival would get in after 200.
      const lease = await holdLease({ store, name: 'sync', owner: 'holder', ttlMs: 200, log, step: 'sync' });
      await new Promise((resolve) => setTimeout(resolve, 700));
      const rivalDuring = await store.acquireLease('sync', 'rival', 200);
      lease?.assertHeld();
      await lease?.release();
      const rivalAfter = await store.acquireLease('sync', 'rival', 200);
      expect([lease !== undefined, rivalDuring, rivalAfter]).toEqual([true, false, true]);
    } finally {
      await store.close();
    }
  });

  it('stops a holder whose lease another run took over', async () => {
    const store = await openStore({ type: 'dynamodb', table: 'takeover', endpoint: dynamo.endpoint, region: 'local' });
    const errors: string[] = [];
    const log = { info() {}, warn() {}, error: (line: string) => errors.push(line), debug() {} } as unknown as Logger;
    try {
      const lease = await holdLease({ store, name: 'sync', owner: 'holder', ttlMs: 150, log, step: 'sync' });
      // The holder stalls (a frozen process): its lease is gone and a rival takes it.
      await store.releaseLease('sync', 'holder');
      expect(await store.acquireLease('sync', 'rival', 60_000)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(() => lease?.assertHeld()).toThrow(/lost the sync lease/);
      await lease?.release();
      expect(await store.acquireLease('sync', 'third', 1000)).toBe(false);
      expect(errors.join('\n')).toMatch(/another run holds it now/);
    } finally {
      await store.close();
    }
  });
});
