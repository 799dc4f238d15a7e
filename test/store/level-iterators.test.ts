import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { startHarness, type Harness } from './helpers.ts';

/**
 * Every Query dynalite answers must close its LevelDB iterator: an open one pins a snapshot, and
 * pinned versions let LevelDB 1.20's compaction bug return items older than acknowledged writes
 * (functions/store/level-iterators.ts). Iterators are counted where abstract-level registers
 * them with their database (attachResource on open, detachResource on close), on the very copy
 * of abstract-level dynalite runs.
 */

interface ResourceHooks {
  attachResource(resource: object): void;
  detachResource(resource: object): void;
}

function abstractLevelOfDynalite(): { AbstractLevel: { prototype: ResourceHooks }; AbstractIterator: { prototype: object } } {
  const fromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite'));
  const fromLevel = createRequire(fromDynalite.resolve('level'));
  return createRequire(fromLevel.resolve('classic-level'))('abstract-level');
}

let harness: Harness;
const open = new Set<object>();
let restore: () => void;

beforeAll(async () => {
  harness = await startHarness();
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
  restore();
  await harness.stop();
});

describe('the embedded store closes the iterator of every read', () => {
  it('leaves no iterator open after Queries cut short by Limit, and after Queries read to the end', async () => {
    const store = await harness.freshStore();
    const { client } = harness;
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
