import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../functions/domain/index.ts';
import { SHARD_COUNT } from '../../functions/store/index.ts';
import { byId, pagesOf, startHarness, task, timeEntry, type Harness } from './helpers.ts';

describe('DynamoStore records', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('returns put records deep-equal to what went in', async () => {
    // Prepare
    const store = await harness.freshStore();
    const tasks = [task('jira-main', 1), task('jira-main', 2, { dueOn: '2025-04-01', parentId: 'jira-main:1' })];
    // Act
    await store.putRecords('task', tasks);
    const pages = await pagesOf(store.scanRecords('task', 'jira-main'));
    // Assess
    expect(byId(pages.flat())).toEqual(byId(tasks));
  });

  it('drops undefined optional fields instead of failing the write', async () => {
    const store = await harness.freshStore();
    const withHoles: Task = { ...task('jira-main', 3), assigneeId: undefined, storyPoints: undefined };
    await store.putRecords('task', [withHoles]);
    const [stored] = (await pagesOf(store.scanRecords('task'))).flat();
    expect(stored).toEqual(task('jira-main', 3));
    expect(stored && 'assigneeId' in stored).toBe(false);
  });

  it('overwrites on re-put instead of duplicating', async () => {
    const store = await harness.freshStore();
    const tasks = Array.from({ length: 60 }, (_, n) => task('asana', n));
    await store.putRecords('task', tasks);
    await store.putRecords('task', tasks);
    await store.putRecords('task', [task('asana', 5, { title: 'Renamed' })]);
    const stored = (await pagesOf(store.scanRecords('task'))).flat();
    expect(stored).toHaveLength(60);
    expect(stored.find((record) => record.id === 'asana:5')?.title).toBe('Renamed');
  });

  it('keeps the last of two records with the same id in one put', async () => {
    const store = await harness.freshStore();
    await store.putRecords('task', [task('asana', 1, { title: 'first' }), task('asana', 1, { title: 'second' })]);
    const stored = (await pagesOf(store.scanRecords('task'))).flat();
    expect(stored.map((record) => record.title)).toEqual(['second']);
  });

  it('returns 1,500 records across chunks, pages and shards exactly once', async () => {
    // Chunks of at most 40 records, read two chunk items per Query page: many chunks, many pages.
    const store = await harness.freshStore({ pageSize: 2, chunkLimits: { maxRecords: 40, maxBytes: 240_000 } });
    const entries = Array.from({ length: 1_500 }, (_, n) => timeEntry('timesheet', n));
    await store.putRecords('timeEntry', entries);
    const pages = await pagesOf(store.scanRecords('timeEntry', 'timesheet'));
    const ids = pages.flat().map((entry) => entry.id);
    expect(new Set(ids).size).toBe(1_500);
    expect(ids).toHaveLength(1_500);
    expect(pages.length).toBeGreaterThan(SHARD_COUNT * 2);
    expect(Math.max(...pages.map((page) => page.length))).toBeLessThanOrEqual(40);
    expect(byId(pages.flat())).toEqual(byId(entries));
  });

  it('reads one source alone, or every source when none is named', async () => {
    const store = await harness.freshStore();
    await store.putRecords('task', [task('jira-main', 1), task('jira-main', 2)]);
    await store.putRecords('task', [task('asana', 1)]);
    await store.putRecords('timeEntry', [timeEntry('timesheet', 1)]);
    const jira = (await pagesOf(store.scanRecords('task', 'jira-main'))).flat();
    const all = (await pagesOf(store.scanRecords('task'))).flat();
    const unknown = (await pagesOf(store.scanRecords('task', 'nobody'))).flat();
    expect(jira.map((record) => record.id).sort()).toEqual(['jira-main:1', 'jira-main:2']);
    expect(all.map((record) => record.id).sort()).toEqual(['asana:1', 'jira-main:1', 'jira-main:2']);
    expect(unknown).toEqual([]);
  });

  it('reads nothing from an empty table', async () => {
    const store = await harness.freshStore();
    await store.putRecords('person', []);
    expect(await pagesOf(store.scanRecords('person'))).toEqual([]);
  });
});
