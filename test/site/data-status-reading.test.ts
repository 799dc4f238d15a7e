import { describe, expect, it } from 'vitest';
import type { Latest, ManagersDoc, QualityDoc } from '../../functions/contract/documents.ts';
import { dataStatus } from '../../site/src/lib/data-status.ts';
import { sourcesTable } from '../../site/src/lib/tables.ts';

// A source whose last run stopped at its deadline synced fine, yet its records are partial: the
// reader checking "can I trust these figures" must see that, not "every source synced".
describe('a source part-way through a read', () => {
  const latest = { asOf: '2026-12-05', generatedAt: '2026-12-05T06:00:00Z', snapshot: 's1' } as Latest;
  const managers = { companyMonths: [] } as unknown as ManagersDoc;
  const source = (name: string, extra: object = {}) => ({ name, type: 'jira', lastSyncAt: '2026-12-05T05:00:00Z', ok: true, records: { task: 10 }, quarantined: 0, ...extra });
  const quality = (sources: ReturnType<typeof source>[]) => ({ sources, unmatchedIdentities: [], quarantine: [] }) as unknown as QualityDoc;
  const now = new Date('2026-12-05T07:00:00Z');

  it('is named in the verdict and the sources table', () => {
    const doc = quality([source('jira-main', { readInProgress: true }), source('jira-ops')]);
    const status = dataStatus(latest, managers, doc, now);
    expect(status.sourcesReading).toBe(1);
    expect(status.verdict).toBe('Fresh; 1 of 2 sources part-way through a read (records incomplete until it finishes).');
    expect(sourcesTable(doc).rows.map((row) => row[3])).toEqual(['ok, read in progress: records incomplete until the next run finishes it', 'ok']);
  });

  it('leaves the verdict clean when every read finished', () => {
    const status = dataStatus(latest, managers, quality([source('jira-main'), source('jira-ops')]), now);
    expect(status.sourcesReading).toBe(0);
    expect(status.verdict).toBe('Fresh; every source synced, nothing quarantined.');
  });
});
