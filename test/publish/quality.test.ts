import { describe, expect, it } from 'vitest';
import type { QuarantineEntry } from '../../functions/domain/records.ts';
import { QualityDocSchema } from '../../functions/contract/documents.ts';
import { buildQualityDoc } from '../../functions/publish/quality.ts';
import type { SyncRun } from '../../functions/store/store.ts';

const runs: SyncRun[] = [
  {
    source: 'jira-main', sourceType: 'jira', startedAt: '2026-03-31T20:00:00Z', finishedAt: '2026-03-31T20:04:00Z',
    ok: true, counts: { task: 120, project: 3, person: 9 }, quarantined: 2,
  },
  {
    source: 'asana', sourceType: 'asana', startedAt: '2026-03-31T20:00:00Z', finishedAt: '2026-03-31T20:00:05Z',
    ok: false, error: 'HTTP 401 from Asana', counts: {}, quarantined: 0,
  },
];

const quarantineEntry = (source: string, i: number): QuarantineEntry => ({
  source, kind: 'task', recordId: `${source}:${i}`, reason: 'dueOn: expected YYYY-MM-DD', raw: { big: 'x'.repeat(50) }, at: '2026-03-31T20:01:00Z',
});

describe('buildQualityDoc', () => {
  const quarantine = [
    ...Array.from({ length: 230 }, (_, i) => quarantineEntry('jira-main', i)),
    ...Array.from({ length: 5 }, (_, i) => quarantineEntry('asana', i)),
  ];
  const doc = buildQualityDoc({
    now: new Date('2026-03-31T20:05:00Z'),
    runs,
    sources: [{ name: 'jira-main', type: 'jira' }, { name: 'asana', type: 'asana' }, { name: 'sheets', type: 'csv' }],
    quarantine,
    unmatchedIdentities: [{ id: 'jira:dev', name: 'Dee' }],
  });

  it('reports each configured source with its last run, in config order', () => {
    expect(QualityDocSchema.parse(doc).generatedAt).toBe('2026-03-31T20:05:00.000Z');
    expect(doc.sources).toEqual([
      { name: 'jira-main', type: 'jira', lastSyncAt: '2026-03-31T20:04:00Z', ok: true, records: { task: 120, project: 3, person: 9 }, quarantined: 230 },
      { name: 'asana', type: 'asana', lastSyncAt: '2026-03-31T20:00:05Z', ok: false, error: 'HTTP 401 from Asana', records: {}, quarantined: 5 },
      { name: 'sheets', type: 'csv', lastSyncAt: null, ok: false, error: 'never synced', records: {}, quarantined: 0 },
    ]);
  });

  it('says when a source is part-way through a read, and only then', () => {
    const stopped: SyncRun = { ...runs[0]!, complete: false };
    const reading = buildQualityDoc({ now: new Date('2026-03-31T20:05:00Z'), runs: [stopped], sources: [{ name: 'jira-main', type: 'jira' }], quarantine: [], unmatchedIdentities: [] });
    expect(QualityDocSchema.parse(reading).sources[0]).toMatchObject({ ok: true, readInProgress: true });
    const finished = buildQualityDoc({ now: new Date('2026-03-31T20:05:00Z'), runs: [{ ...stopped, complete: true }], sources: [{ name: 'jira-main', type: 'jira' }], quarantine: [], unmatchedIdentities: [] });
    expect(finished.sources[0]).not.toHaveProperty('readInProgress');
    expect(doc.sources[0]).not.toHaveProperty('readInProgress'); // a run recorded before checkpoints: complete absent
  });

  it('caps the quarantine list at 200 entries without the raw records, keeping the full counts', () => {
    // 230 + 5 = 235 entries; the list keeps the first 200 (all from jira-main), the counts keep 230 and 5.
    expect(doc.quarantine).toHaveLength(200);
    expect(doc.quarantine[0]).toEqual({ source: 'jira-main', kind: 'task', recordId: 'jira-main:0', reason: 'dueOn: expected YYYY-MM-DD' });
    expect(doc.quarantine.at(-1)?.recordId).toBe('jira-main:199');
    expect(doc.unmatchedIdentities).toEqual([{ id: 'jira:dev', name: 'Dee' }]);
  });
});
