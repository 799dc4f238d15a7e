import { describe, expect, it } from 'vitest';
import type { Theme } from '../../functions/config/schema.ts';
import type { PersonOverride } from '../../functions/config/schema.ts';
import type { Person, Project, Task, TimeEntry } from '../../functions/domain/records.ts';
import { createKpiEngine } from '../../functions/kpi/index.ts';

/**
 * The `people` beside each hours figure: distinct people after alias joining. A tiny company, as of
 * 2026-03-31, window 31 days (March), counted by hand:
 *
 *   Small (Core, PM ada): growth by p1, p2; platform by p3; p2 also logs from a second account
 *                         (jira:p2b, an alias of p2) → 3 people; growth 2, platform 1, unaligned 0.
 *                         p9 logged in January only: in AC (to date), not in the window → 4 to date.
 *   Big   (Core, PM bo):  growth by q1..q4, platform by q5, q6, and p1 unaligned (7 people in all);
 *                         on the one project with p1, so the portfolio has p1..p3 + q1..q6 = 9.
 *   Solo  (Lab, PM bo):   growth by q1 → 1 person.
 *
 *   Company growth: p1, p2, q1..q4 = 6; platform p3, q5, q6 = 3; all: p1..p3, q1..q6 = 9.
 *   PM bo: Big + Solo = q1..q6 + p1 = 7; growth q1..q4 = 4.
 */
const themes: Theme[] = [
  { id: 'growth', name: 'Growth', target: 0.5, match: { tags: ['growth'], projects: [], portfolios: [] } },
  { id: 'platform', name: 'Platform', target: 0.5, match: { tags: ['platform'], projects: [], portfolios: [] } },
];
const ids = ['p1', 'p2', 'p2b', 'p3', 'p9', 'q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'ada', 'bo'];
const person = (id: string): Person => ({ id: `jira:${id}`, source: 'jira', sourceId: id, name: id });
const overrides: PersonOverride[] = [{ id: 'p2@corp.com', name: 'P2', aliases: ['jira:p2', 'jira:p2b'] }];
const project = (key: string, portfolio: string, pm: string): Project => ({ id: `jira:${key}`, source: 'jira', sourceId: key, name: key, pmId: `jira:${pm}`, portfolio, tags: [] });
const projects = [project('SMALL', 'Core', 'ada'), project('BIG', 'Core', 'bo'), project('SOLO', 'Lab', 'bo')];
const task = (key: string, tag: string): Task => ({
  id: `jira:${key}-${tag}`, source: 'jira', sourceId: `${key}-${tag}`, projectId: `jira:${key}`, title: tag, status: 'todo', originalStatus: 'To Do',
  createdAt: '2026-01-05T09:00:00Z', updatedAt: '2026-01-05T09:00:00Z', tags: tag === 'none' ? [] : [tag],
});
let seq = 0;
const entry = (key: string, tag: string, who: string, hours = 1, date = '2026-03-10'): TimeEntry => {
  seq += 1;
  return { id: `jira:w${seq}`, source: 'jira', sourceId: `w${seq}`, taskId: `jira:${key}-${tag}`, projectId: `jira:${key}`, personId: `jira:${who}`, date, hours };
};

function run() {
  const engine = createKpiEngine({ asOf: '2026-03-31', windowDays: 31, projects, themes, overrides, people: ids.map(person) });
  engine.addTasks(projects.flatMap((p) => ['growth', 'platform', 'none'].map((tag) => task(p.sourceId, tag))));
  engine.addTimeEntries([
    entry('SMALL', 'growth', 'p1'), entry('SMALL', 'growth', 'p2'), entry('SMALL', 'growth', 'p2b'), entry('SMALL', 'platform', 'p3'),
    entry('SMALL', 'growth', 'p9', 5, '2026-01-15'),
    ...['q1', 'q2', 'q3', 'q4'].map((q) => entry('BIG', 'growth', q, 2)),
    entry('BIG', 'platform', 'q5', 3), entry('BIG', 'platform', 'q6', 3), entry('BIG', 'none', 'p1', 1),
    entry('SOLO', 'growth', 'q1', 4),
  ]);
  return engine.finish();
}

describe('people behind the hours', () => {
  const { projects: projectsDoc, alignment } = run();
  const projectOf = (key: string) => projectsDoc.projects.find((p) => p.id === `jira:${key}`);
  const mixOf = (key: string) => alignment.projects?.find((p) => p.id === `jira:${key}`);

  it('counts each project once per person, aliases joined, in the window and to date', () => {
    expect([projectOf('SMALL')?.hours, projectOf('SMALL')?.people, projectOf('SMALL')?.peopleToDate]).toEqual([4, 3, 4]);
    expect([projectOf('BIG')?.hours, projectOf('BIG')?.people, projectOf('BIG')?.peopleToDate]).toEqual([15, 7, 7]);
    expect([projectOf('SOLO')?.people, projectOf('SOLO')?.peopleToDate]).toEqual([1, 1]);
  });

  it('counts a project per theme and its unaligned hours', () => {
    expect(mixOf('SMALL')).toMatchObject({ totalHours: 4, people: 3, themes: [{ id: 'growth', hours: 3, people: 2 }, { id: 'platform', hours: 1, people: 1 }] });
    expect(mixOf('BIG')).toMatchObject({ totalHours: 15, people: 7, unalignedHours: 1, unalignedPeople: 1, themes: [{ id: 'growth', hours: 8, people: 4 }, { id: 'platform', hours: 6, people: 2 }] });
    expect(alignment.unalignedWork).toEqual([{ projectId: 'jira:BIG', name: 'BIG', pmId: 'jira:bo', hours: 1, people: 1 }]);
  });

  it('counts a portfolio, the company and a PM as unions of their projects, not sums', () => {
    const core = alignment.portfolios.find((p) => p.name === 'Core');
    expect([core?.totalHours, core?.people, core?.themes.map((t) => t.people), core?.unalignedPeople]).toEqual([19, 9, [6, 3], 1]);
    const rollup = projectsDoc.portfolios?.find((p) => p.name === 'Core');
    expect([rollup?.people, rollup?.peopleToDate]).toEqual([9, 10]);
    expect([alignment.people, alignment.themes.map((t) => t.people), alignment.unalignedPeople]).toEqual([9, [6, 3], 1]);
    expect(alignment.portfolios.find((p) => p.name === 'Lab')?.unalignedPeople).toBe(0);
    const bo = alignment.managers?.find((m) => m.id === 'jira:bo');
    expect([bo?.totalHours, bo?.people, bo?.themes.map((t) => t.people)]).toEqual([19, 7, [4, 2]]);
  });
});
