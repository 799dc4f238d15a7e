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
});
