import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdSourceLeases } from '../../functions/pipeline/source-leases.ts';
import type { Logger } from '../../functions/runtime/logger.ts';
import { openStore, startEmbeddedDynamo, type EmbeddedDynamo, type Store } from '../../functions/store/index.ts';

/**
 * Syncs of different sources run side by side (a state machine syncs each source in its own
 * invocation); two syncs of one source never do, and a run gets all its sources or none.
 */
const log = { info() {}, warn() {}, error() {} } as Logger;

describe('sync leases per source', () => {
  let dir: string;
  let dynamo: EmbeddedDynamo;
  let store: Store;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pmpulse-leases-'));
    dynamo = await startEmbeddedDynamo({ dir: join(dir, 'db') });
    store = await openStore({ type: 'dynamodb', table: 'leases', endpoint: dynamo.endpoint, region: 'local' });
  });
  afterAll(async () => {
    await store?.close();
    await dynamo?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lets syncs of different sources hold their leases at once', async () => {
    const jira = await holdSourceLeases({ store, sources: ['jira'], owner: 'run-1', ttlMs: 60_000, log });
    const asana = await holdSourceLeases({ store, sources: ['asana'], owner: 'run-2', ttlMs: 60_000, log });
    expect([jira !== undefined, asana !== undefined]).toEqual([true, true]);
    await Promise.all([jira?.release(), asana?.release()]);
  });

  it('refuses a run that shares a source with a running one, and leaves it nothing', async () => {
    const jira = await holdSourceLeases({ store, sources: ['jira'], owner: 'run-1', ttlMs: 60_000, log });
    // Wants asana and jira: gets asana first (name order), fails on jira, gives asana back.
    const both = await holdSourceLeases({ store, sources: ['jira', 'asana'], owner: 'run-2', ttlMs: 60_000, log });
    const asana = await holdSourceLeases({ store, sources: ['asana'], owner: 'run-3', ttlMs: 60_000, log });
    expect([jira !== undefined, both === undefined, asana !== undefined]).toEqual([true, true, true]);
    await Promise.all([jira?.release(), asana?.release()]);
  });
});
