import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isStoreError, openStore, startEmbeddedDynamo, StoreError } from '../../functions/store/index.ts';
import { pagesOf, task, tempDir } from './helpers.ts';

describe('openStore', () => {
  const dirs: string[] = [];
  const newDir = async () => {
    const dir = await tempDir();
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('keeps records, cursors and runs across a close and reopen of the same dir', async () => {
    // Prepare
    const config = { type: 'embedded', dir: join(await newDir(), 'db'), table: 'pmpulse' } as const;
    const first = await openStore(config);
    await first.putRecords('task', [task('jira-main', 1), task('asana', 2)]);
    await first.setCursor('jira-main', 'c-1');
    await first.close();
    // Act
    const second = await openStore(config);
    const tasks = (await pagesOf(second.scanRecords('task'))).flat();
    const cursor = await second.getCursor('jira-main');
    await second.close();
    // Assess
    expect(tasks.map((record) => record.id).sort()).toEqual(['asana:2', 'jira-main:1']);
    expect(cursor).toBe('c-1');
  });

  it('closes once however often close() is called, and refuses work afterwards', async () => {
    const store = await openStore({ type: 'embedded', dir: join(await newDir(), 'db'), table: 'pmpulse' });
    await Promise.all([store.close(), store.close()]);
    await store.close();
    await expect(store.getCursor('jira-main')).rejects.toSatisfy(isStoreError);
  });

  it('refuses a second store on a directory in use, and takes over a lock left by a dead process', async () => {
    const dir = join(await newDir(), 'db');
    const config = { type: 'embedded', dir, table: 'pmpulse' } as const;
    const first = await openStore(config);
    await expect(openStore(config)).rejects.toThrow(/store open on table "pmpulse": DirLockedError: .* is in use by process \d+/);
    await first.setCursor('asana', 'still-working');
    await first.close();
    await writeFile(join(dir, 'pmpulse.lock'), '99999999');
    const second = await openStore(config);
    expect(await second.getCursor('asana')).toBe('still-working');
    await second.close();
  });

  it('creates the table on a DynamoDB endpoint that is set', async () => {
    const server = await startEmbeddedDynamo({ dir: join(await newDir(), 'db') });
    try {
      const store = await openStore({ type: 'dynamodb', table: 'pmpulse-local', endpoint: server.endpoint });
      await store.putRecords('task', [task('jira-main', 1)]);
      expect((await pagesOf(store.scanRecords('task'))).flat()).toHaveLength(1);
      await store.close();
    } finally {
      await server.close();
    }
  });

  it('reports a wrong endpoint as a one-line StoreError', async () => {
    const server = await startEmbeddedDynamo({ dir: join(await newDir(), 'db') });
    await server.close();
    const attempt = openStore({ type: 'dynamodb', table: 'pmpulse', endpoint: server.endpoint });
    const error: unknown = await attempt.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    const message = (error as StoreError).message;
    expect(message).toMatch(/^store ensureTable on table "pmpulse": cannot reach DynamoDB at 127\.0\.0\.1:\d+ \(connection refused\)/);
    expect(message).not.toContain('\n');
    expect((error as StoreError).operation).toBe('ensureTable');
  });
});
