import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDirReportStore } from '../../functions/publish/dir-report-store.ts';
import { pruneSnapshots } from '../../functions/publish/prune.ts';
import { publishSnapshot, readLatest, readSnapshot } from '../../functions/publish/publisher.ts';
import { AS_OF, sampleDocuments } from './sample-documents.ts';

let dir = '';
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('pruneSnapshots', () => {
  it('keeps the newest snapshots and always the one latest.json points at', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pmpulse-prune-'));
    const store = createDirReportStore(dir);
    const docs = sampleDocuments();
    const ids: string[] = [];
    for (const hour of [1, 2, 3]) {
      const latest = await publishSnapshot(store, docs, { now: () => new Date(`2026-04-01T0${hour}:00:00Z`), asOf: AS_OF });
      ids.push(latest.snapshot);
    }
    // A rollback: latest.json points at the oldest snapshot again.
    const oldest = await readLatest(store);
    await store.putJson('latest.json', { ...oldest, snapshot: ids[0] });

    const removed = await pruneSnapshots(store, { keep: 1 });
    // Keep 1 → the newest (ids[2]) stays, ids[0] stays as latest's target, ids[1] goes.
    expect(removed).toEqual([ids[1]]);
    const left = new Set((await store.list('snapshots/')).map((key) => key.split('/')[1]));
    expect([...left].sort()).toEqual([ids[0], ids[2]]);
    const latest = await readLatest(store);
    if (!latest) throw new Error('latest.json is still there');
    expect(await readSnapshot(store, latest)).toEqual(docs);
  });

  it('removes snapshots older than the retention, never the one latest.json points at', async () => {
    const store = createDirReportStore(await mkdtemp(join(tmpdir(), 'pmpulse-retain-')));
    const docs = sampleDocuments();
    const ids: string[] = [];
    for (const day of ['01', '20', '28']) {
      ids.push((await publishSnapshot(store, docs, { now: () => new Date(`2026-04-${day}T06:00:00Z`), asOf: AS_OF })).snapshot);
    }
    const now = () => new Date('2026-05-15T06:00:00Z');
    // 30 days before May 15 is April 15: the April 1 snapshot goes, the later two stay.
    expect(await pruneSnapshots(store, { retentionDays: 30, now })).toEqual([ids[0]]);
    // Far later, everything is old, but latest.json's target (April 28) stays.
    expect(await pruneSnapshots(store, { retentionDays: 30, now: () => new Date('2027-01-01T00:00:00Z') })).toEqual([ids[1]]);
    const left = new Set((await store.list('snapshots/')).map((key) => key.split('/')[1]));
    expect([...left]).toEqual([ids[2]]);
  });

  it('refuses to guess when given neither a count nor an age', async () => {
    const store = createDirReportStore(await mkdtemp(join(tmpdir(), 'pmpulse-retain-')));
    await expect(pruneSnapshots(store, {})).rejects.toThrow(/keep, retentionDays or both/);
  });
});
