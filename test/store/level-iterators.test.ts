import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { closeIteratorsOnReturn } from '../../functions/store/level-iterators.ts';
import { ensureTable } from '../../functions/store/table.ts';
import { documentClient, tempDir } from './helpers.ts';

/**
 * Every Query dynalite answers must close its LevelDB iterator: an open one pins a snapshot, and
 * pinned versions let LevelDB 1.20's compaction bug return items older than acknowledged writes
 * (functions/store/level-iterators.ts). The embedded store runs dynalite in a thread of its own,
 * so here dynalite runs in the test's thread, on a directory, after the same call the store's
 * thread makes. Iterators are counted where abstract-level registers them with their database
 * (attachResource on open, detachResource on close), on the very copy of abstract-level dynalite runs.
 */

interface ResourceHooks {
  attachResource(resource: object): void;
  detachResource(resource: object): void;
}

const dynaliteEntry = createRequire(import.meta.url).resolve('dynalite');

function abstractLevelOfDynalite(): { AbstractLevel: { prototype: ResourceHooks }; AbstractIterator: { prototype: object } } {
  const fromDynalite = createRequire(dynaliteEntry);
  const fromLevel = createRequire(fromDynalite.resolve('level'));
  return createRequire(fromLevel.resolve('classic-level'))('abstract-level');
}

let dir: string;
let server: Server;
let client: DynamoDBDocumentClient;
const open = new Set<object>();
let restore: (() => void) | undefined;

beforeAll(async () => {
  closeIteratorsOnReturn(dynaliteEntry);
  dir = await tempDir();
  const { default: dynalite } = (await import(dynaliteEntry)) as { default: (options: object) => Server };
  server = dynalite({ path: join(dir, 'db'), createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = documentClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  await ensureTable(client, 'iterators');
  const { AbstractLevel, AbstractIterator } = abstractLevelOfDynalite();
  const hooks = AbstractLevel.prototype;
  const { attachResource, detachResource } = hooks;
  const isIterator = (resource: object) => Object.getPrototypeOf(AbstractIterator.prototype).isPrototypeOf(resource);
  hooks.attachResource = function (resource) {
    if (isIterator(resource)) open.add(resource);
    return attachResource.call(this, resource);
  };
  hooks.detachResource = function (resource) {
    open.delete(resource);
    return detachResource.call(this, resource);
  };
  restore = () => Object.assign(hooks, { attachResource, detachResource });
});

afterAll(async () => {
  restore?.();
  client.destroy();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
  await rm(dir, { recursive: true, force: true });
});

describe('the embedded store closes the iterator of every read', () => {
  it('leaves no iterator open after Queries cut short by Limit, and after Queries read to the end', async () => {
    const store = { table: 'iterators' };
    for (let at = 0; at < 30; at++) await client.send(new PutCommand({ TableName: store.table, Item: { pk: 'P', sk: `s${String(at).padStart(2, '0')}` } }));
    const openBefore = open.size;
    let read = 0;
    for (let query = 0; query < 40; query++) {
      const cut = await client.send(new QueryCommand({ TableName: store.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'P' }, Limit: 3 }));
      const whole = await client.send(new QueryCommand({ TableName: store.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'P' } }));
      read += (cut.Items?.length ?? 0) + (whole.Items?.length ?? 0);
    }
    expect(read).toBe(40 * (3 + 30));
    // Closing completes after the answer is sent: wait for it rather than for a fixed time.
    for (let wait = 0; wait < 100 && open.size > openBefore; wait++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(open.size - openBefore).toBe(0);
  });
});
