import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Task } from '../../functions/domain/index.ts';
import { isStoreError, type DynamoStore } from '../../functions/store/index.ts';
import { chunkPk, shardOf } from '../../functions/store/keys.ts';
import { decodeEntries, encodeEntries, type ChunkEntry } from '../../functions/store/chunks.ts';
import { seededRandom } from '../../functions/runtime/random.ts';
import { byId, pagesOf, startHarness, task, timeEntry, type Harness } from './helpers.ts';

/**
 * The packed layout (functions/store/chunks.ts, chunk-writer.ts, chunk-reader.ts): what one item
 * per record gave must still hold when a chunk changes under a writer, when a split was cut short,
 * and when a chunk comes from another format. The expected records are written out by hand.
 */

const at = (hour: number) => `2025-02-03T${String(hour).padStart(2, '0')}:00:00.000Z`;

/** `count` task numbers of `source` whose ids share one shard, so they share chunks. */
function sameShard(source: string, count: number): number[] {
  const shard = shardOf(`${source}:0`);
  const found: number[] = [];
  for (let n = 0; found.length < count; n++) if (shardOf(`${source}:${n}`) === shard) found.push(n);
  return found;
}

async function tasksOf(store: DynamoStore): Promise<Task[]> {
  return byId((await pagesOf(store.scanRecords('task'))).flat());
}

async function chunkItems(client: DynamoDBDocumentClient, table: string, pk: string): Promise<Record<string, unknown>[]> {
  const result = await client.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true }));
  return result.Items ?? [];
}

const idsIn = (item: Record<string, unknown>): string[] => (decodeEntries(item.body) as { i: string }[]).map((entry) => entry.i);

describe('packed record chunks', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('packs many records into few items, each within its limits, and reads each record once', async () => {
    const store = await harness.freshStore({ chunkLimits: { maxRecords: 10, maxBytes: 240_000 } });
    const numbers = sameShard('jira', 60);
    await store.putRecords('task', numbers.map((n) => task('jira', n)));
    const items = await chunkItems(harness.client, store.table, chunkPk('task', 'jira', shardOf('jira:0')));
    // 60 records, at most 10 per chunk: at least 6 chunks, and far fewer items than records.
    expect(items.length).toBeGreaterThanOrEqual(6);
    expect(items.length).toBeLessThan(60);
    for (const item of items) expect(Number(item.count)).toBeLessThanOrEqual(10);
    expect(items.flatMap(idsIn).sort()).toEqual(numbers.map((n) => `jira:${n}`).sort());
    expect(await tasksOf(store)).toEqual(byId(numbers.map((n) => task('jira', n))));
  });

  it('keeps every record through many splits, batches arriving in any order', async () => {
    const store = await harness.freshStore({ chunkLimits: { maxRecords: 6, maxBytes: 240_000 } });
    const random = seededRandom(3);
    const numbers = Array.from({ length: 1_500 }, (_, n) => n * 7 + 1_000_000).sort(() => random() - 0.5);
    for (let at = 0; at < numbers.length; at += 40) await store.putRecords('task', numbers.slice(at, at + 40).map((n) => task('jira', n)));
    expect((await tasksOf(store)).map((record) => record.id)).toEqual(byId(numbers.map((n) => task('jira', n))).map((record) => record.id));
  });

  it('keeps the last delivery of records without a version when two writers take turns on splitting chunks', async () => {
    // Each writer remembers chunks the other has changed since: nothing it splits off may come from that memory.
    const first = await harness.freshStore({ chunkLimits: { maxRecords: 8, maxBytes: 240_000, cachedEntries: 50_000 } });
    const { DynamoStore } = await import('../../functions/store/index.ts');
    const second = new DynamoStore(harness.client, first.table, { chunkLimits: { maxRecords: 8, maxBytes: 240_000, cachedEntries: 50_000 } });
    const random = seededRandom(11);
    const last = new Map<string, unknown>();
    for (let batch = 0; batch < 200; batch++) {
      const entries = Array.from({ length: 50 }, () => ({ ...timeEntry('asana', Math.floor(random() * 5_000)), hours: Math.floor(random() * 8) }));
      for (const entry of entries) last.set(entry.id, entry);
      await (batch % 3 === 0 ? second : first).putRecords('timeEntry', entries);
    }
    const stored = (await pagesOf(first.scanRecords('timeEntry'))).flat();
    expect(new Map(stored.map((entry) => [entry.id, entry]))).toEqual(last);
    // Thousands of conditional chunk writes: 33–35 s alone here, 43 s within the whole suite.
  }, 150_000);

  it('splits a chunk by size as well as by count', async () => {
    const store = await harness.freshStore({ chunkLimits: { maxRecords: 1_000, maxBytes: 4_000 } });
    const numbers = sameShard('asana', 40);
    await store.putRecords('task', numbers.map((n) => task('asana', n, { title: 'x'.repeat(300) })));
    const items = await chunkItems(harness.client, store.table, chunkPk('task', 'asana', shardOf('asana:0')));
    expect(items.length).toBeGreaterThan(3);
    for (const item of items) expect(Buffer.byteLength(JSON.stringify(decodeEntries(item.body)))).toBeLessThanOrEqual(4_000);
    expect((await tasksOf(store)).length).toBe(40);
  });

  it('retries a chunk another writer changed after it was read, keeping the newer version', async () => {
    const table = (await harness.freshStore()).table;
    const [one, two] = sameShard('jira', 2) as [number, number];
    const { DynamoStore } = await import('../../functions/store/index.ts');
    const other = new DynamoStore(harness.client, table);
    let interfered = false;
    // The first chunk put of `store` is preceded by another writer's put into the same chunk.
    const racing = {
      send: async (command: unknown) => {
        if (command instanceof PutCommand && !interfered && String(command.input.Item?.pk).startsWith('PACK#')) {
          interfered = true;
          await other.putRecords('task', [task('jira', one, { title: 'newer', updatedAt: at(12) })]);
        }
        return harness.client.send(command as never);
      },
    } as unknown as DynamoDBDocumentClient;
    const store = new DynamoStore(racing, table);
    await store.putRecords('task', [task('jira', one, { title: 'older', updatedAt: at(9) }), task('jira', two, { title: 'mine', updatedAt: at(9) })]);
    expect(interfered).toBe(true);
    expect((await tasksOf(store)).map((record) => [record.id, record.title])).toEqual(
      byId([task('jira', one), task('jira', two)]).map((record) => [record.id, record.id === `jira:${one}` ? 'newer' : 'mine']),
    );
  });

  it('reads a chunk again when another writer changed it after this one remembered it', async () => {
    const first = await harness.freshStore();
    const { DynamoStore } = await import('../../functions/store/index.ts');
    const second = new DynamoStore(harness.client, first.table);
    const [one, two, three] = sameShard('jira', 3) as [number, number, number];
    await first.putRecords('task', [task('jira', one, { updatedAt: at(10) })]);
    await second.putRecords('task', [task('jira', two, { updatedAt: at(10) }), task('jira', one, { title: 'newer', updatedAt: at(11) })]);
    // `first` remembers the chunk as it put it; its put fails on the revision, and it reads the chunk again.
    await first.putRecords('task', [task('jira', three, { updatedAt: at(10) }), task('jira', one, { title: 'older', updatedAt: at(10) })]);
    expect((await tasksOf(first)).map((record) => [record.id, record.title])).toEqual(
      byId([task('jira', one, { title: 'newer' }), task('jira', two), task('jira', three)]).map((record) => [record.id, record.title]),
    );
  });

  it('reads a split cut short (copies in two chunks) by the version rule, and the next write removes the copies', async () => {
    const store = await harness.freshStore();
    const [a, b, c] = sameShard('jira', 3).map((n) => `jira:${n}`).sort() as [string, string, string];
    const record = (id: string, title: string, hour: number) => ({ ...task('jira', Number(id.slice(5)), { title, updatedAt: at(hour) }) });
    const pk = chunkPk('task', 'jira', shardOf(a));
    // The first chunk still holds all three (b older, c deleted); the new upper chunk from `b` holds b newer and c.
    const entry = (r: Task) => ({ i: r.id, v: Date.parse(r.updatedAt!), r });
    const first: ChunkEntry[] = [entry(record(a, 'a', 9)), entry(record(b, 'b old', 9)), { i: c, v: Date.parse(at(11)), d: at(11) }];
    const upper = [entry(record(b, 'b new', 10)), entry(record(c, 'c', 10))];
    await harness.client.send(new PutCommand({ TableName: store.table, Item: { pk, sk: 'C#', format: 1, rev: 3, count: 3, body: encodeEntries(first) } }));
    await harness.client.send(new PutCommand({ TableName: store.table, Item: { pk, sk: `C#${b}`, format: 1, rev: 1, count: 2, body: encodeEntries(upper) } }));
    await harness.client.send(new PutCommand({ TableName: store.table, Item: { pk: 'REGISTRY', sk: 'task#jira', area: 'task', source: 'jira' } }));
    // c: the tombstone (11:00) outranks the record (10:00) wherever each sits.
    expect((await tasksOf(store)).map((t) => [t.id, t.title])).toEqual([[a, 'a'], [b, 'b new']]);
    await store.putRecords('task', [record(a, 'a again', 12)]);
    const items = await chunkItems(harness.client, store.table, pk);
    expect(items.map((item) => [item.sk, idsIn(item)])).toEqual([['C#', [a]], [`C#${b}`, [b, c]]]);
    expect((await tasksOf(store)).map((t) => [t.id, t.title])).toEqual([[a, 'a again'], [b, 'b new']]);
  });

  it('refuses a chunk in another format with an error naming both formats', async () => {
    const store = await harness.freshStore();
    await store.putRecords('task', [task('jira', 1)]);
    const pk = chunkPk('task', 'jira', shardOf('jira:1'));
    await harness.client.send(new PutCommand({ TableName: store.table, Item: { pk, sk: 'C#', format: 2, rev: 9, count: 1, body: '{}' } }));
    const error = await pagesOf(store.scanRecords('task')).catch((caught: unknown) => caught);
    expect(isStoreError(error)).toBe(true);
    expect(String((error as Error).message)).toMatch(/is in format 2; this pmpulse reads format 1 only/);
  });

  it('refuses a record that does not match its schema when it is written, and stores nothing of the batch', async () => {
    const store = await harness.freshStore();
    const bad = { ...task('jira', 2), status: 'sleeping' } as unknown as Task;
    const error = await store.putRecords('task', [task('jira', 1), bad]).catch((caught: unknown) => caught);
    expect(isStoreError(error)).toBe(true);
    expect(String((error as Error).message)).toContain('task jira:2 does not match the task schema (status:');
    expect(await tasksOf(store)).toEqual([]);
  });

  it('writes nothing when a rerun delivers what is stored', async () => {
    const store = await harness.freshStore();
    const records = sameShard('jira', 5).map((n) => task('jira', n));
    await store.putRecords('task', records);
    const pk = chunkPk('task', 'jira', shardOf(records[0]!.id));
    const before = await chunkItems(harness.client, store.table, pk);
    // A rerun is a new process: nothing remembered.
    const { DynamoStore } = await import('../../functions/store/index.ts');
    await new DynamoStore(harness.client, store.table).putRecords('task', records);
    expect(await chunkItems(harness.client, store.table, pk)).toEqual(before);
  });
});
