import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Task } from '../../functions/domain/index.ts';
import { batchPut } from '../../functions/store/batch-writer.ts';
import { ChunkWriter } from '../../functions/store/chunk-writer.ts';
import { recordEntry } from '../../functions/store/chunks.ts';
import { recordItem, tombstoneItem } from '../../functions/store/items.ts';
import { chunkPk, shardOf } from '../../functions/store/keys.ts';
import { DynamoStore } from '../../functions/store/index.ts';
import { byId, pagesOf, startHarness, task, timeEntry, type Harness } from './helpers.ts';

/**
 * A store written before records were packed holds one item per record (`REC#`). It must read
 * the same, keep the version rule against new writes, and end up packed, by a sync's writes or by
 * `pmpulse store pack`, without losing or doubling a record when that is cut short.
 */

const at = (hour: number) => `2025-02-03T${String(hour).padStart(2, '0')}:00:00.000Z`;
const writes = { sleep: async () => {}, concurrency: 4, maxAttempts: 5, baseDelayMs: 1 };

/** What the old code wrote: record items, tombstones, and the registry entries. */
async function writeOldLayout(client: DynamoDBDocumentClient, table: string, tasks: Task[], deleted: string[]): Promise<void> {
  const items = [
    ...tasks.map((record) => recordItem('task', record)),
    ...deleted.map((id) => tombstoneItem('task', id, at(11))),
    ...timeEntries.map((entry) => recordItem('timeEntry', entry)),
    { pk: 'REGISTRY', sk: 'task#jira', area: 'task', source: 'jira' },
    { pk: 'REGISTRY', sk: 'timeEntry#tt', area: 'timeEntry', source: 'tt' },
  ];
  await batchPut(client, table, items, writes);
}

async function keyPrefixes(client: DynamoDBDocumentClient, table: string): Promise<Record<string, number>> {
  const result = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true }));
  const counts: Record<string, number> = {};
  for (const item of result.Items ?? []) {
    const prefix = String(item.pk).split('#')[0]!;
    counts[prefix] = (counts[prefix] ?? 0) + 1;
  }
  return counts;
}

const oldTasks = Array.from({ length: 40 }, (_, n) => task('jira', n, { updatedAt: at(10) }));
const timeEntries = Array.from({ length: 30 }, (_, n) => timeEntry('tt', n));

describe('stores written one item per record', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('read as they were written, deleted records hidden, before anything is packed', async () => {
    const store = await harness.freshStore();
    await writeOldLayout(harness.client, store.table, oldTasks, ['jira:3', 'jira:99']);
    const tasks = byId((await pagesOf(store.scanRecords('task'))).flat());
    expect(tasks).toEqual(byId(oldTasks.filter((record) => record.id !== 'jira:3')));
    expect(byId((await pagesOf(store.scanRecords('timeEntry'))).flat())).toEqual(byId(timeEntries));
  });

  it('keep the version rule against new writes, which pack the kind they write', async () => {
    const store = await harness.freshStore();
    await writeOldLayout(harness.client, store.table, oldTasks, ['jira:3']);
    await store.putRecords('task', [
      task('jira', 1, { title: 'older than stored', updatedAt: at(9) }),
      task('jira', 2, { title: 'newer', updatedAt: at(12) }),
      task('jira', 3, { title: 'older than the deletion', updatedAt: at(10) }),
    ]);
    const tasks = byId((await pagesOf(store.scanRecords('task'))).flat());
    expect(tasks.map((record) => record.title)).toEqual(
      byId(oldTasks.filter((record) => record.id !== 'jira:3')).map((record) => (record.id === 'jira:2' ? 'newer' : record.title)),
    );
    // The tasks were packed and their old items deleted; the time entries, not written, wait.
    expect(await keyPrefixes(harness.client, store.table)).toMatchObject({ REC: timeEntries.length });
  });

  it('merge by the version rule with chunks written beside them (a packing cut short before the old items went)', async () => {
    const store = await harness.freshStore();
    await writeOldLayout(harness.client, store.table, oldTasks, []);
    // A chunk holds jira:5 older than its old item and jira:6 newer: each id is read once, the newer.
    const chunks = new ChunkWriter({ client: harness.client, table: store.table, writes });
    for (const record of [task('jira', 5, { title: 'stale copy', updatedAt: at(8) }), task('jira', 6, { title: 'newer copy', updatedAt: at(12) })]) {
      await chunks.writePartition(chunkPk('task', 'jira', shardOf(record.id)), [recordEntry('task', record, store.table)], 'test');
    }
    const tasks = byId((await pagesOf(store.scanRecords('task'))).flat());
    expect(tasks.map((record) => record.id)).toEqual(byId(oldTasks).map((record) => record.id));
    expect(tasks.find((record) => record.id === 'jira:5')?.title).toBe('Task 5');
    expect(tasks.find((record) => record.id === 'jira:6')?.title).toBe('newer copy');
  });

  it('are packed whole by store pack, which a rerun leaves as it is', async () => {
    const store = await harness.freshStore();
    await writeOldLayout(harness.client, store.table, oldTasks, ['jira:7']);
    const before = byId((await pagesOf(store.scanRecords('task'))).flat());
    // jira:7's tombstone took the place of its record item: 40 task items and 30 time entries.
    expect(await store.packLegacyRecords(['task', 'timeEntry'])).toBe(oldTasks.length + timeEntries.length);
    const prefixes = await keyPrefixes(harness.client, store.table);
    expect(prefixes.REC).toBeUndefined();
    expect(prefixes.PACK).toBeGreaterThan(0);
    expect(byId((await pagesOf(store.scanRecords('task'))).flat())).toEqual(before);
    // The tombstone moved with the records: an older re-delivery of jira:7 stays out.
    const rerun = new DynamoStore(harness.client, store.table);
    expect(await rerun.packLegacyRecords(['task', 'timeEntry'])).toBe(0);
    await rerun.putRecords('task', [task('jira', 7, { updatedAt: at(10) })]);
    expect(byId((await pagesOf(rerun.scanRecords('task'))).flat())).toEqual(before);
  });
});
