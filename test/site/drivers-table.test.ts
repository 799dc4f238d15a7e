import { describe, expect, it } from 'vitest';
import type { ManagersDoc, ProjectsDoc } from '../../functions/contract/documents.ts';
import { driversTable } from '../../site/src/lib/pm-tables.ts';

type Manager = ManagersDoc['managers'][number];

describe('the drivers table of a PM', () => {
  it("marks spent hours that are the source's total, for a task without time entries", () => {
    const task = (id: string, spentFrom?: 'entries' | 'sourceTotal') => ({
      id, title: id, projectId: 'p', status: 'done', estimateHours: 4, spentHours: 6, reason: '2 h over its 4 h estimate', ...(spentFrom ? { spentFrom } : {}),
    });
    const pm = { drivers: { kpi: 'cpi', tasks: [task('a', 'entries'), task('b', 'sourceTotal')] } } as unknown as Manager;
    const table = driversTable(pm, { projects: [] } as unknown as ProjectsDoc);
    const spent = table?.rows.map((row) => row[6]);
    expect(spent?.[0]).not.toContain('source total');
    expect(spent?.[1]).toContain('(source total, no time entries)');
  });
});
