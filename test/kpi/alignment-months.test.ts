import { describe, expect, it } from 'vitest';
import type { Theme } from '../../functions/config/schema.ts';
import type { Person, Project, Task, TimeEntry } from '../../functions/domain/records.ts';
import { createKpiEngine } from '../../functions/kpi/index.ts';

/**
 * The theme mix per portfolio and per PM, month by month: what strategic managers read to see
 * whether a portfolio's effort moves toward the targets. Figures by hand, as of 2026-03-31:
 *
 *   Targets: growth 0.6, platform 0.4.
 *   Apollo (portfolio Space, PM Ada): February growth 6 h + platform 4 h; March growth 2 h, untagged 2 h.
 *   Borealis (portfolio Ice, PM Bo): March platform 5 h.
 *
 *   Space, 2026-02: 10 h, shares 0.6 / 0.4 / unaligned 0  → gap (0 + 0 + 0) / 2 = 0
 *   Space, 2026-03: 4 h, shares 0.5 / 0 / unaligned 0.5   → gap (0.1 + 0.4 + 0.5) / 2 = 0.5
 *   Ice,   2026-02: no hours                              → gap null
 *   Ice,   2026-03: 5 h, shares 0 / 1 / 0                 → gap (0.6 + 0.6 + 0) / 2 = 0.6
 *   Ada follows Space, Bo follows Ice.
 */

const themes: Theme[] = [
  { id: 'growth', name: 'Growth', target: 0.6, match: { tags: ['growth'], projects: [], portfolios: [] } },
  { id: 'platform', name: 'Platform', target: 0.4, match: { tags: ['platform'], projects: [], portfolios: [] } },
];
const person = (id: string): Person => ({ id, source: 'jira', sourceId: id.slice(5), name: id.slice(5) });
const apollo: Project = { id: 'jira:APO', source: 'jira', sourceId: 'APO', name: 'Apollo', pmId: 'jira:ada', portfolio: 'Space', tags: [] };
const borealis: Project = { id: 'jira:BOR', source: 'jira', sourceId: 'BOR', name: 'Borealis', pmId: 'jira:bo', portfolio: 'Ice', tags: [] };

const task = (id: string, projectId: string, tags: string[]): Task => ({
  id: `jira:${id}`, source: 'jira', sourceId: id, projectId, title: id, status: 'todo', originalStatus: 'To Do',
  createdAt: '2026-01-05T09:00:00Z', updatedAt: '2026-01-05T09:00:00Z', tags,
});
const entry = (id: string, taskId: string, projectId: string, date: string, hours: number): TimeEntry => ({
  id: `jira:${id}`, source: 'jira', sourceId: id, taskId: `jira:${taskId}`, projectId, personId: 'jira:dev', date, hours,
});

function alignment() {
  const engine = createKpiEngine({
    asOf: '2026-03-31', windowDays: 31, projects: [apollo, borealis], themes, overrides: [],
    people: [person('jira:ada'), person('jira:bo'), person('jira:dev')],
  });
  engine.addTasks([task('g', apollo.id, ['growth']), task('p', apollo.id, ['platform']), task('u', apollo.id, []), task('b', borealis.id, ['platform'])]);
  engine.addTimeEntries([
    entry('1', 'g', apollo.id, '2026-02-10', 6), entry('2', 'p', apollo.id, '2026-02-11', 4),
    entry('3', 'g', apollo.id, '2026-03-10', 2), entry('4', 'u', apollo.id, '2026-03-11', 2),
    entry('5', 'b', borealis.id, '2026-03-12', 5),
  ]);
  return engine.finish().alignment;
}

const last2 = <T>(months: T[] | undefined): T[] => (months ?? []).slice(-2);
const view = (m: { period: string; totalHours: number; unalignedHours: number; gapScore: number | null; themes: { actual: number }[] }) =>
  [m.period, m.totalHours, m.unalignedHours, m.gapScore, m.themes.map((t) => t.actual)];

describe('theme mix per month, per portfolio and per PM', () => {
  it('gives each portfolio its own monthly mix and gap', () => {
    const doc = alignment();
    const portfolio = (name: string) => last2(doc.portfolios.find((p) => p.name === name)?.months).map(view);
    expect(portfolio('Space')).toEqual([['2026-02', 10, 0, 0, [0.6, 0.4]], ['2026-03', 4, 2, 0.5, [0.5, 0]]]);
    expect(portfolio('Ice')).toEqual([['2026-02', 0, 0, null, [0, 0]], ['2026-03', 5, 0, 0.6, [0, 1]]]);
  });

  it('gives each PM the mix of the projects they lead', () => {
    const doc = alignment();
    const manager = (id: string) => last2(doc.managers?.find((m) => m.id === id)?.months).map(view);
    expect(manager('jira:ada')).toEqual([['2026-02', 10, 0, 0, [0.6, 0.4]], ['2026-03', 4, 2, 0.5, [0.5, 0]]]);
    expect(manager('jira:bo')).toEqual([['2026-02', 0, 0, null, [0, 0]], ['2026-03', 5, 0, 0.6, [0, 1]]]);
    // The company's months still add up all portfolios: March 4 + 5 = 9 h.
    expect(last2(doc.months).map((m) => m.totalHours)).toEqual([10, 9]);
  });
});
