import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuarantineEntry } from '../../functions/domain/index.ts';
import { isStoreError } from '../../functions/store/index.ts';
import { byId, pagesOf, startHarness, task, type Harness } from './helpers.ts';

const at = (hour: number) => `2025-02-03T${String(hour).padStart(2, '0')}:00:00.000Z`;

function quarantined(source: string, recordId: string, kind = 'task'): QuarantineEntry {
  return { source, kind, recordId, reason: 'status: missing', raw: { id: recordId }, at: at(1) };
}

describe('DynamoStore version guard and tombstones', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('keeps the newer version whichever order the versions arrive in', async () => {
    const older = task('jira', 1, { title: 'old', updatedAt: at(9) });
    const newer = task('jira', 1, { title: 'new', updatedAt: at(10) });
    const forward = await harness.freshStore();
    const backward = await harness.freshStore();
    await forward.putRecords('task', [older]);
    await forward.putRecords('task', [newer]);
    await backward.putRecords('task', [newer]);
    await backward.putRecords('task', [older]);
    await backward.putRecords('task', [older, newer, older]);
    expect((await pagesOf(forward.scanRecords('task'))).flat()).toEqual([newer]);
    expect((await pagesOf(backward.scanRecords('task'))).flat()).toEqual([newer]);
  });

  it('compares instants, not strings, across time-zone offsets', async () => {
    const store = await harness.freshStore();
    const utc = task('jira', 2, { title: 'utc 10:30', updatedAt: '2025-02-03T10:30:00Z' });
    const offset = task('jira', 2, { title: 'cet 11:00', updatedAt: '2025-02-03T11:00:00+01:00' });
    await store.putRecords('task', [utc]);
    await store.putRecords('task', [offset]);
    expect((await pagesOf(store.scanRecords('task'))).flat()[0]?.title).toBe('utc 10:30');
  });

  it('ends in the same state when the same batch is applied twice', async () => {
    const store = await harness.freshStore();
    const tasks = Array.from({ length: 130 }, (_, n) => task('asana', n, { updatedAt: at(n % 20) }));
    await store.putRecords('task', tasks);
    const once = byId((await pagesOf(store.scanRecords('task'))).flat());
    await store.putRecords('task', [...tasks].reverse());
    expect(byId((await pagesOf(store.scanRecords('task'))).flat())).toEqual(once);
  });

  it('hides deleted records and refuses an older re-delivery', async () => {
    const store = await harness.freshStore();
    await store.putRecords('task', [task('jira', 1, { updatedAt: at(9) }), task('jira', 2, { updatedAt: at(9) })]);
    await store.deleteRecords('task', ['jira:1'], at(12));
    await store.putRecords('task', [task('jira', 1, { updatedAt: at(11) })]);
    const ids = (await pagesOf(store.scanRecords('task'))).flat().map((record) => record.id);
    expect(ids).toEqual(['jira:2']);
  });

  it('lets a record the source re-created after the deletion come back', async () => {
    const store = await harness.freshStore();
    await store.putRecords('task', [task('jira', 1, { updatedAt: at(9) })]);
    await store.deleteRecords('task', ['jira:1'], at(12));
    await store.putRecords('task', [task('jira', 1, { title: 'restored', updatedAt: at(13) })]);
    expect((await pagesOf(store.scanRecords('task'))).flat().map((record) => record.title)).toEqual(['restored']);
  });

  it('keeps a record that changed after the deletion instant', async () => {
    const store = await harness.freshStore();
    await store.putRecords('task', [task('jira', 1, { updatedAt: at(14) })]);
    await store.deleteRecords('task', ['jira:1'], at(12));
    expect((await pagesOf(store.scanRecords('task'))).flat()).toHaveLength(1);
  });

  it('tombstones a record it never saw, so a late delivery cannot create it', async () => {
    const store = await harness.freshStore();
    await store.deleteRecords('person', ['jira:u1'], at(12));
    await store.putRecords('person', [{ id: 'jira:u1', source: 'jira', sourceId: 'u1', name: 'Ada' }]);
    expect((await pagesOf(store.scanRecords('person'))).flat()).toEqual([]);
  });

  it('rejects ids without a source', async () => {
    const store = await harness.freshStore();
    const error = await store.deleteRecords('task', ['plain'], at(12)).catch((caught: unknown) => caught);
    expect(isStoreError(error) && error.message).toMatch(/"plain" is not a <source>:<id> record id/);
  });

  it('releases quarantine entries by source id or record id, and only those', async () => {
    const store = await harness.freshStore();
    await store.putQuarantine([quarantined('jira', '1'), quarantined('jira', '2'), quarantined('jira', '3'), quarantined('asana', '1')]);
    await store.releaseQuarantine('jira', 'task', ['1', 'jira:2', 'jira:404']);
    const left = (await store.listQuarantine()).map((entry) => `${entry.source}/${entry.recordId}`).sort();
    expect(left).toEqual(['asana/1', 'jira/3']);
  });
});

describe('DynamoStore version guard across store instances', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('reads stored versions when the partition held records before this instance', async () => {
    // Prepare: one instance writes the newer version; a second one (a rerun) knows nothing of it.
    const first = await harness.freshStore();
    await first.putRecords('task', [task('jira', 1, { title: 'new', updatedAt: at(10) })]);
    const rerun = new (first.constructor as typeof import('../../functions/store/index.ts').DynamoStore)(harness.client, first.table);
    // Act
    await rerun.putRecords('task', [task('jira', 1, { title: 'old', updatedAt: at(9) })]);
    await first.putRecords('task', [task('jira', 2, { updatedAt: at(8) })]);
    await rerun.deleteRecords('task', ['jira:2'], at(11));
    await rerun.putRecords('task', [task('jira', 2, { updatedAt: at(9) })]);
    // Assess
    expect((await pagesOf(rerun.scanRecords('task'))).flat().map((record) => record.title)).toEqual(['new']);
  });

  it('refuses older versions across chunks that split many times', async () => {
    const store = await harness.freshStore({ chunkLimits: { maxRecords: 4, maxBytes: 240_000 } });
    await store.putRecords('task', Array.from({ length: 30 }, (_, n) => task('asana', n, { updatedAt: at(10) })));
    await store.putRecords('task', Array.from({ length: 30 }, (_, n) => task('asana', n, { title: 'stale', updatedAt: at(9) })));
    const titles = new Set((await pagesOf(store.scanRecords('task'))).flat().map((record) => record.title));
    expect(titles.has('stale')).toBe(false);
  });
});
