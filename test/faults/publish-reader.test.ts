import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDirReportStore } from '../../functions/publish/dir-report-store.ts';
import { DOCUMENT_NAMES, publishSnapshot, readLatest, readSnapshot } from '../../functions/publish/publisher.ts';
import { pruneSnapshots } from '../../functions/publish/prune.ts';
import { sampleDocuments } from '../publish/sample-documents.ts';

/**
 * Each publish carries its number in every document (a person's name), so a reader can tell a
 * mixed snapshot: documents whose numbers differ, or a document that is missing or half-written.
 */
describe('a reader polling latest.json during 50 publishes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pmpulse-publish-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('sees either the old or the new snapshot, complete, never a mix', async () => {
    const store = createDirReportStore(dir);
    let publishing = true;
    const seen = new Set<string>();
    const problems: string[] = [];
    const reader = (async () => {
      while (publishing) {
        const latest = await readLatest(store);
        if (!latest) continue;
        try {
          const docs = await readSnapshot(store, latest);
          const marks = new Set(DOCUMENT_NAMES.map((name) => JSON.stringify(docs[name]).match(/publish-(\d+)/)?.[1]));
          if (marks.size !== 1) problems.push(`${latest.snapshot}: publishes ${[...marks].join(', ')}`);
          seen.add(latest.snapshot);
        } catch (error) {
          problems.push(`${latest.snapshot}: ${(error as Error).message}`);
        }
      }
    })();
    let clock = Date.parse('2026-03-31T18:00:00Z');
    for (let n = 0; n < 50; n++) {
      clock += 60_000;
      await publishSnapshot(store, marked(n), { now: () => new Date(clock), asOf: '2026-03-31' });
      await pruneSnapshots(store, { retentionDays: 30, now: () => new Date(clock) });
    }
    publishing = false;
    await reader;
    expect(problems).toEqual([]);
    expect(seen.size).toBeGreaterThan(5);
  });
});

function marked(n: number) {
  const docs = structuredClone(sampleDocuments());
  return JSON.parse(JSON.stringify(docs).replaceAll('"name":"', `"name":"publish-${n} `)) as typeof docs;
}
