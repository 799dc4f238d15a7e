import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuarantineEntry } from '../../functions/domain/index.ts';
import type { SyncRun } from '../../functions/store/index.ts';
import { startHarness, type Harness } from './helpers.ts';

function run(source: string, startedAt: string, ok = true): SyncRun {
  return { source, sourceType: 'jira', startedAt, finishedAt: startedAt.replace('T10', 'T11'), ok, counts: { task: 3 }, quarantined: 0 };
}

function quarantined(source: string, recordId: string, raw: unknown): QuarantineEntry {
  return { source, kind: 'task', recordId, reason: 'status: invalid option', raw, at: '2025-03-01T08:00:00.000Z' };
}

describe('DynamoStore sync state', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('keeps one cursor per source and overwrites it', async () => {
    const store = await harness.freshStore();
    expect(await store.getCursor('jira-main')).toBeUndefined();
    await store.setCursor('jira-main', '2025-01-01T00:00:00Z');
    await store.setCursor('jira-main', '2025-02-01T00:00:00Z');
    await store.setCursor('asana', 'sync-token-1');
    expect(await store.getCursor('jira-main')).toBe('2025-02-01T00:00:00Z');
    expect(await store.getCursor('asana')).toBe('sync-token-1');
  });

  it('keeps quarantined records with their raw payload, by source or all', async () => {
    // Prepare: payloads DynamoDB could not hold as attributes (empty key, nested nulls).
    const store = await harness.freshStore();
    const jiraRaw = { key: 'PM-1', fields: { status: { name: 'Weird' }, '': 'empty key', list: [1, null, { deep: [] }] } };
    const entries = [quarantined('jira-main', 'jira-main:1', jiraRaw), quarantined('asana', 'asana:9', 'just text')];
    // Act
    await store.putQuarantine(entries);
    await store.putQuarantine([quarantined('jira-main', 'jira-main:1', jiraRaw)]);
    // Assess
    expect(await store.listQuarantine('jira-main')).toEqual([entries[0]]);
    const all = await store.listQuarantine();
    expect(all.sort((a, b) => a.recordId.localeCompare(b.recordId))).toEqual([entries[1], entries[0]]);
  });

  it('keeps a quarantined record without a raw payload', async () => {
    const store = await harness.freshStore();
    await store.putQuarantine([quarantined('asana', 'asana:1', undefined)]);
    const [entry] = await store.listQuarantine('asana');
    expect(entry?.raw).toBeUndefined();
    expect(entry?.reason).toBe('status: invalid option');
  });

  it('lists the latest run of each source and keeps the history', async () => {
    const store = await harness.freshStore();
    await store.putSyncRun(run('jira-main', '2025-03-01T10:00:00.000Z'));
    await store.putSyncRun(run('jira-main', '2025-03-02T10:00:00.000Z', false));
    await store.putSyncRun(run('asana', '2025-03-01T10:00:00.000Z'));
    // Reported late: older than the run already stored, so it must not become the latest.
    await store.putSyncRun(run('jira-main', '2025-02-28T10:00:00.000Z'));
    const latest = await store.listLatestSyncRuns();
    expect(latest.map((r) => [r.source, r.startedAt, r.ok]).sort()).toEqual([
      ['asana', '2025-03-01T10:00:00.000Z', true],
      ['jira-main', '2025-03-02T10:00:00.000Z', false],
    ]);
    const history = await store.listSyncRuns('jira-main');
    expect(history.map((r) => r.startedAt)).toEqual([
      '2025-03-02T10:00:00.000Z',
      '2025-03-01T10:00:00.000Z',
      '2025-02-28T10:00:00.000Z',
    ]);
    expect(history[0]).toEqual(run('jira-main', '2025-03-02T10:00:00.000Z', false));
    expect(await store.listSyncRuns('jira-main', 1)).toHaveLength(1);
  });
});

describe('DynamoStore lease', () => {
  let harness: Harness;
  let nowMs = Date.parse('2025-03-01T10:00:00.000Z');
  const now = () => new Date(nowMs);
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('refuses a second owner while the lease is held and grants it after expiry', async () => {
    const store = await harness.freshStore({ now });
    expect(await store.acquireLease('sync', 'run-a', 60_000)).toBe(true);
    nowMs += 59_000;
    expect(await store.acquireLease('sync', 'run-b', 60_000)).toBe(false);
    nowMs += 2_000;
    expect(await store.acquireLease('sync', 'run-b', 60_000)).toBe(true);
    expect(await store.acquireLease('sync', 'run-a', 60_000)).toBe(false);
  });

  it('lets the holder re-acquire, which renews the lease', async () => {
    const store = await harness.freshStore({ now });
    expect(await store.acquireLease('sync', 'run-a', 10_000)).toBe(true);
    nowMs += 8_000;
    expect(await store.acquireLease('sync', 'run-a', 10_000)).toBe(true);
    nowMs += 8_000;
    expect(await store.acquireLease('sync', 'run-b', 10_000)).toBe(false);
  });

  it('ignores a release by anyone but the owner', async () => {
    const store = await harness.freshStore({ now });
    await store.acquireLease('sync', 'run-a', 60_000);
    await store.releaseLease('sync', 'run-b');
    expect(await store.acquireLease('sync', 'run-b', 60_000)).toBe(false);
    await store.releaseLease('sync', 'run-a');
    expect(await store.acquireLease('sync', 'run-b', 60_000)).toBe(true);
    await store.releaseLease('nothing-held', 'run-a');
  });

  it('keeps leases of different names apart', async () => {
    const store = await harness.freshStore({ now });
    expect(await store.acquireLease('sync', 'run-a', 60_000)).toBe(true);
    expect(await store.acquireLease('compute', 'run-b', 60_000)).toBe(true);
  });
});
