import { describe, expect, it } from 'vitest';
import { completedWorkEntries, type WorkStep } from '../../functions/connectors/azure-devops/hours.ts';

/** CompletedWork is cumulative: entries are its increases, decreases take back the latest entries first. Figures worked by hand. */

const step = (rev: number, day: string, completedWork: number | undefined, personId: string | undefined = 'ana'): WorkStep => ({ rev, at: `2026-03-${day}T10:00:00Z`, completedWork, personId });

describe('CompletedWork revisions → time entries', () => {
  it('turns each increase into an entry dated at its revision, for its person', () => {
    const ledger = completedWorkEntries([step(1, '02', undefined), step(2, '02', 3), step(3, '03', 5, 'ben'), step(4, '05', 5), step(5, '06', 9)]);
    // 0 → 3 (+3 ana), 3 → 5 (+2 ben), 5 → 5 (nothing), 5 → 9 (+4 ana)
    expect(ledger.entries).toEqual([
      { rev: 2, at: '2026-03-02T10:00:00Z', personId: 'ana', hours: 3 },
      { rev: 3, at: '2026-03-03T10:00:00Z', personId: 'ben', hours: 2 },
      { rev: 5, at: '2026-03-06T10:00:00Z', personId: 'ana', hours: 4 },
    ]);
    expect(ledger.withdrawn).toEqual([]);
  });

  it('takes a decrease back from the latest entries first, withdrawing those it empties', () => {
    // 0 → 4 (+4), 4 → 6 (+2), 6 → 7 (+1), 7 → 2.5 (−4.5: rev 4's 1 and rev 3's 2 withdrawn, rev 2 keeps 4 − 1.5 = 2.5)
    const ledger = completedWorkEntries([step(2, '02', 4), step(3, '03', 6), step(4, '04', 7), step(5, '05', 2.5), step(6, '06', 3)]);
    expect(ledger.entries.map(({ rev, hours }) => ({ rev, hours }))).toEqual([
      { rev: 2, hours: 2.5 },
      { rev: 6, hours: 0.5 },
    ]);
    expect(ledger.withdrawn).toEqual([4, 3]);
    const sum = ledger.entries.reduce((total, entry) => total + entry.hours, 0);
    expect(sum).toBe(3);
  });

  it('reads a cleared CompletedWork as 0, and leaves no floating-point dust', () => {
    const ledger = completedWorkEntries([step(1, '02', 0.1), step(2, '03', 0.3), step(3, '04', undefined), step(4, '05', 0.2)]);
    // +0.1, +0.2, then cleared (−0.3 takes both back), then +0.2
    expect(ledger.entries.map(({ rev, hours }) => ({ rev, hours }))).toEqual([{ rev: 4, hours: 0.2 }]);
    expect(ledger.withdrawn).toEqual([2, 1]);
  });

  it('refuses hours that nobody can be named for', () => {
    expect(() => completedWorkEntries([{ rev: 1, at: '2026-03-02T10:00:00Z', completedWork: 2, personId: undefined }])).toThrow(/names neither who changed it nor an assignee/);
  });
});
