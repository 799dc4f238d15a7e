import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { sweepChunk } from '../../functions/privacy/chunk-sweep.ts';
import { Redactor } from '../../functions/privacy/redactor.ts';
import type { StoreSweepCounts } from '../../functions/privacy/store-sweep.ts';
import { ChunkWriter } from '../../functions/store/chunk-writer.ts';
import { decodeEntries, type ChunkEntry } from '../../functions/store/chunks.ts';
import { chunkPk, shardOf } from '../../functions/store/keys.ts';
import { byId, pagesOf, startHarness, task, type Harness } from '../store/helpers.ts';

/** An erasure sweeping one chunk of a store whose chunks have split (chunk-sweep.ts). */
describe('sweeping a chunk for an erasure', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.stop());

  it('rewrites the records naming the person and keeps where the chunk ends', async () => {
    const limits = { maxRecords: 4, maxBytes: 240_000, cachedEntries: 0 };
    const store = await harness.freshStore({ chunkLimits: limits });
    const shard = shardOf('jira:0');
    const numbers: number[] = [];
    for (let n = 0; numbers.length < 12; n++) if (shardOf(`jira:${n}`) === shard) numbers.push(n);
    await store.putRecords('task', numbers.map((n, at) => task('jira', n, { assigneeId: at % 2 === 0 ? 'jira:gone' : 'jira:stays' })));
    const pk = chunkPk('task', 'jira', shard);
    const items = async () => (await harness.client.send(new QueryCommand({ TableName: store.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true }))).Items ?? [];
    const before = await items();
    const first = before.find((item) => typeof item.end === 'string');
    expect(first, 'twelve records in chunks of at most four split, and a split chunk knows where it ends').toBeDefined();

    const writer = new ChunkWriter({ client: harness.client, table: store.table, writes: { sleep: async () => {}, concurrency: 1, maxAttempts: 3, baseDelayMs: 1 } }, limits);
    const counts: StoreSweepCounts = { rewritten: {}, peopleRemoved: 0, tombstonesRemoved: 0, quarantineRewritten: 0, otherRewritten: 0, anonymousAccounts: 0 };
    const redactor = new Redactor({ exact: new Map([['jira:gone', 'jira:anonymous']]), within: new Map() });
    await sweepChunk(writer, store.table, first!, redactor, new Set(['jira:gone']), counts);

    const after = (await items()).find((item) => item.sk === first!.sk)!;
    expect(after.end).toBe(first!.end);
    expect(after.rev).toBe((first!.rev as number) + 1);
    const assignees = (decodeEntries(after.body) as ChunkEntry[]).map((entry) => entry.r?.assigneeId);
    const expected = (decodeEntries(first!.body) as ChunkEntry[]).map((entry) => (entry.r?.assigneeId === 'jira:gone' ? 'jira:anonymous' : entry.r?.assigneeId));
    expect(assignees).toEqual(expected);
    expect(counts.rewritten.task).toBe(expected.filter((id) => id === 'jira:anonymous').length);
    // Every record is still read once, the other chunks untouched.
    const read = byId((await pagesOf(store.scanRecords('task'))).flat());
    expect(read.map((one) => one.id)).toEqual(byId(numbers.map((n) => task('jira', n))).map((one) => one.id));
  });
});
