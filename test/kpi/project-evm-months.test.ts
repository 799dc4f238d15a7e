import { describe, expect, it } from 'vitest';
import type { Theme } from '../../functions/config/schema.ts';
import type { Person, Project, Task, TimeEntry } from '../../functions/domain/records.ts';
import { createKpiEngine, type KpiEngineInput } from '../../functions/kpi/index.ts';
import * as flowOrg from '../fixtures/kpi/flow-org.ts';
import * as smallOrg from '../fixtures/kpi/small-org.ts';

/**
 * A project's earned value at each month end and its unaligned tasks, by hand.
 *
 * As of 2026-07-15 (July partial), twelve months 2025-08 … 2026-07, window 2026-06-16 … 07-15.
 * Project X (no tags; the one theme matches the tag "mobile"):
 *   x1 10 h due 04-20, started 04-02, done 04-18 (tagged mobile: aligned)
 *   x2  6 h due 05-31, started 05-10, done 06-03
 *   x3  8 h due 06-30, started 06-15, open
 *   x4  4 h due 07-10, done 07-20 (after the as-of date: not done, not started)
 *   x5  5 h no due date, done 07-01 (earns, never planned)
 *   x6  3 h due 08-10 (after the as-of date: never planned by then)
 *   x7  no estimate, due and done 05-01 (plans and earns nothing)
 *   x8  2 h due 2025-06-30, done 06-29 (before the first month: counted from the first month end)
 * Entries: 2025-07-15 1 h x8; 04-10 5 h and 04-18 4 h x1; 05-20 3 h and 06-02 2 h x2;
 *   06-20 6 h x3; 07-01 3 h on no task; 07-02 1 h x1; 07-15 2 h x4; 07-16 9 h x4 (after asOf).
 *
 * PV (due by the month end): Aug … Mar 2 (x8); Apr 12; May 18; Jun 26; Jul 30.
 * EV 0/100 (done by the month end): Aug … Mar 2; Apr 12; May 12; Jun 18; Jul 23.
 * EV 50/50 (half at the start): x2 3 in May, x3 4 from June → Aug … Mar 2; Apr 12; May 15; Jun 22; Jul 27.
 * AC (entries by the month end): Aug … Mar 1; Apr 10; May 13; Jun 21; Jul 27.
 *
 * Unaligned in the window: x3 6 h, x4 2 h, and 3 h on no task (part of the project's unaligned
 * hours, 11, but naming no task); x1's hour is aligned. Project Z: z1 … z12 with k hours each
 * (z12 as 5 + 7 h), all unaligned → the ten largest, z12 … z3.
 */
const AS_OF = '2026-07-15';
const split = (id: string) => ({ id, source: id.slice(0, id.indexOf(':')), sourceId: id.slice(id.indexOf(':') + 1) });
const people: Person[] = [{ ...split('jira:pm'), name: 'Pat' }, { ...split('jira:dev'), name: 'Dev' }];
const projects: Project[] = [
  { ...split('jira:X'), name: 'Xenon', tags: [], pmId: 'jira:pm', portfolio: 'Core' },
  { ...split('jira:Z'), name: 'Zinc', tags: [], pmId: 'jira:pm', portfolio: 'Core' },
];
const themes: Theme[] = [{ id: 'growth', name: 'Growth', target: 0.5, match: { tags: ['mobile'], projects: [], portfolios: [] } }];

interface Spec { est?: number; due?: string; started?: string; done?: string; status?: Task['status']; tags?: string[] }
const task = (id: string, projectId: string, s: Spec): Task => ({
  ...split(id), projectId, title: `Task ${id}`,
  status: s.status ?? (s.done ? 'done' : 'todo'), originalStatus: 'x',
  createdAt: '2025-06-01T09:00:00Z', updatedAt: '2026-07-15T09:00:00Z', tags: s.tags ?? [],
  ...(s.est === undefined ? {} : { estimateHours: s.est }),
  ...(s.due ? { dueOn: s.due } : {}),
  ...(s.started ? { startedAt: `${s.started}T09:00:00Z` } : {}),
  ...(s.done ? { doneAt: `${s.done}T12:00:00Z` } : {}),
});
const tasks: Task[] = [
  task('jira:x1', 'jira:X', { est: 10, due: '2026-04-20', started: '2026-04-02', done: '2026-04-18', tags: ['mobile'] }),
  task('jira:x2', 'jira:X', { est: 6, due: '2026-05-31', started: '2026-05-10', done: '2026-06-03' }),
  task('jira:x3', 'jira:X', { est: 8, due: '2026-06-30', started: '2026-06-15', status: 'in_progress' }),
  task('jira:x4', 'jira:X', { est: 4, due: '2026-07-10', done: '2026-07-20' }),
  task('jira:x5', 'jira:X', { est: 5, done: '2026-07-01' }),
  task('jira:x6', 'jira:X', { est: 3, due: '2026-08-10' }),
  task('jira:x7', 'jira:X', { due: '2026-05-01', done: '2026-05-01' }),
  task('jira:x8', 'jira:X', { est: 2, due: '2025-06-30', done: '2025-06-29' }),
  ...Array.from({ length: 12 }, (_, k) => task(`jira:z${k + 1}`, 'jira:Z', { est: 1, due: '2026-07-01' })),
];
let seq = 0;
const entry = (projectId: string, taskId: string | undefined, date: string, hours: number): TimeEntry => ({
  ...split(`sheet:e${++seq}`), projectId, personId: 'jira:dev', date, hours, ...(taskId ? { taskId } : {}),
});
const entries: TimeEntry[] = [
  entry('jira:X', 'jira:x8', '2025-07-15', 1),
  entry('jira:X', 'jira:x1', '2026-04-10', 5), entry('jira:X', 'jira:x1', '2026-04-18', 4),
  entry('jira:X', 'jira:x2', '2026-05-20', 3), entry('jira:X', 'jira:x2', '2026-06-02', 2),
  entry('jira:X', 'jira:x3', '2026-06-20', 6), entry('jira:X', undefined, '2026-07-01', 3),
  entry('jira:X', 'jira:x1', '2026-07-02', 1), entry('jira:X', 'jira:x4', '2026-07-15', 2),
  entry('jira:X', 'jira:x4', '2026-07-16', 9),
  ...Array.from({ length: 11 }, (_, k) => entry('jira:Z', `jira:z${k + 1}`, '2026-07-05', k + 1)),
  entry('jira:Z', 'jira:z12', '2026-07-05', 5), entry('jira:Z', 'jira:z12', '2026-07-06', 7),
];

function run(input: KpiEngineInput, t: Task[], e: TimeEntry[], changes: Parameters<ReturnType<typeof createKpiEngine>['addStatusChanges']>[0] = []) {
  const engine = createKpiEngine(input);
  engine.addTasks(t);
  engine.addStatusChanges(changes);
  engine.addTimeEntries(e);
  return engine.finish();
}
const xyz = (rule: '0/100' | '50/50') => run({ asOf: AS_OF, windowDays: 30, projects, people, themes, overrides: [], settings: { evmRule: rule } as KpiEngineInput['settings'] }, tasks, entries);
const project = (rule: '0/100' | '50/50', id: string) => xyz(rule).projects.projects.find((p) => p.id === id);

const EARLY = ['2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'];

describe("a project's earned value at each month end (projects.json evmMonths)", () => {
  it('gives PV, EV and AC by hand under 0/100, the as-of month partial', () => {
    const months = project('0/100', 'jira:X')?.evmMonths;
    expect(months).toEqual([
      ...EARLY.map((period) => ({ period, pv: 2, ev: 2, ac: 1 })),
      { period: '2026-04', pv: 12, ev: 12, ac: 10 },
      { period: '2026-05', pv: 18, ev: 12, ac: 13 },
      { period: '2026-06', pv: 26, ev: 18, ac: 21 },
      { period: '2026-07', partial: true, to: '2026-07-15', pv: 30, ev: 23, ac: 27 },
    ]);
  });

  it('earns half at the start under 50/50, whatever month the task is done in', () => {
    expect(project('50/50', 'jira:X')?.evmMonths?.map((m) => m.ev)).toEqual([...EARLY.map(() => 2), 12, 15, 22, 27]);
  });

  it("ends on the project's current PV, EV and AC, in these and the shared fixtures", () => {
    const docs = [
      xyz('0/100').projects, xyz('50/50').projects,
      run({ asOf: smallOrg.AS_OF, windowDays: smallOrg.WINDOW_DAYS, projects: smallOrg.projects, people: smallOrg.people, themes: smallOrg.themes, overrides: smallOrg.overrides }, smallOrg.tasks, smallOrg.timeEntries).projects,
      run({ asOf: flowOrg.AS_OF, windowDays: flowOrg.WINDOW_DAYS, projects: flowOrg.projects, people: flowOrg.people, themes: [], overrides: flowOrg.overrides, settings: { evmRule: '50/50' } as KpiEngineInput['settings'] }, flowOrg.tasks, flowOrg.timeEntries, flowOrg.statusChanges).projects,
    ];
    let checked = 0;
    for (const doc of docs) {
      for (const p of doc.projects) {
        const last = p.evmMonths?.at(-1);
        expect(p.evmMonths).toHaveLength(12);
        expect({ pv: last?.pv, ev: last?.ev, ac: last?.ac }, p.id).toEqual({ pv: p.evm.pv, ev: p.evm.ev, ac: p.evm.ac });
        if (p.evm.pv + p.evm.ev + p.evm.ac > 0) checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(6);
  });
});

describe("a project's unaligned tasks (projects.json unalignedTasks)", () => {
  it('lists the tasks matching no theme by their hours in the window, not an aligned task or hours on no task', () => {
    const doc = xyz('0/100');
    expect(project('0/100', 'jira:X')?.unalignedTasks).toEqual([
      { id: 'jira:x3', title: 'Task jira:x3', hours: 6 },
      { id: 'jira:x4', title: 'Task jira:x4', hours: 2 },
    ]);
    // The same rule as alignment.json: the project's unaligned hours hold the listed ones and the 3 h on no task.
    expect(doc.alignment.projects?.find((p) => p.id === 'jira:X')?.unalignedHours).toBe(6 + 2 + 3);
  });

  it('keeps the ten with the most hours, summing a task’s entries', () => {
    const listed = project('0/100', 'jira:Z')?.unalignedTasks ?? [];
    expect(listed.map((t) => [t.id, t.hours])).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3].map((k) => [`jira:z${k}`, k]));
  });
});
