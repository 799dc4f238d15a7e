import { describe, expect, it } from 'vitest';
import type { Person, Project, Task, TimeEntry } from '../../functions/domain/records.ts';
import { createKpiEngine } from '../../functions/kpi/index.ts';

/**
 * A task moved between projects (Jira "Move issue", Asana "move to another project") keeps its id,
 * so after the next sync its one stored record names the new project. Its hours were logged while
 * it sat in the old project, and the time entries still name that project. The rule: a time entry
 * on a known task counts where the task is now, so the estimate (BAC, EV) and the hours spent on it
 * (AC) stay together and neither project's CPI is bent by the move. An entry with no task stays
 * with its own project.
 *
 * Figures by hand, as of 2026-03-31, window 31 days:
 *   Apollo (PM Ada):   BAC 0, one task-less entry of 3 h           → AC 3, hours 3
 *   Borealis (PM Bo):  the moved task, estimate 10 h, done 03-20,
 *                      its entries 4 h + 6 h logged under Apollo    → BAC 10, EV 10, AC 10, CPI 1
 *   Had the entries stayed with Apollo: Apollo AC 13 with EV 0, Borealis CPI 10 / 0 (null).
 */

const person = (id: string): Person => ({ id, source: 'jira', sourceId: id.slice(5), name: id.slice(5) });
const apollo: Project = { id: 'jira:APO', source: 'jira', sourceId: 'APO', key: 'APO', name: 'Apollo', pmId: 'jira:ada', portfolio: 'Space', tags: [] };
const borealis: Project = { id: 'jira:BOR', source: 'jira', sourceId: 'BOR', key: 'BOR', name: 'Borealis', pmId: 'jira:bo', portfolio: 'Ice', tags: [] };

const moved: Task = {
  id: 'jira:10001', source: 'jira', sourceId: '10001', projectId: borealis.id, title: 'Was APO-3',
  status: 'done', originalStatus: 'Done', createdAt: '2026-03-02T09:00:00Z', updatedAt: '2026-03-20T16:00:00Z',
  doneAt: '2026-03-20T16:00:00Z', dueOn: '2026-03-25', estimateHours: 10, tags: [],
};

const entry = (id: string, hours: number, date: string, projectId: string, taskId?: string): TimeEntry => ({
  id: `jira:${id}`, source: 'jira', sourceId: id, projectId, personId: 'jira:dev', date, hours, ...(taskId ? { taskId } : {}),
});

function run() {
  const engine = createKpiEngine({
    asOf: '2026-03-31', windowDays: 31, projects: [apollo, borealis],
    people: [person('jira:ada'), person('jira:bo'), person('jira:dev')], themes: [], overrides: [],
  });
  engine.addTasks([moved]);
  engine.addTimeEntries([
    entry('w1', 4, '2026-03-05', apollo.id, moved.id), // logged before the move: the entry still names Apollo
    entry('w2', 6, '2026-03-12', apollo.id, moved.id),
    entry('w3', 3, '2026-03-13', apollo.id), // no task: stays with Apollo
  ]);
  return engine.finish();
}

describe('a task moved between projects', () => {
  it('counts its estimate and the hours logged on it in the project it is in now', () => {
    const { projects } = run();
    const byId = new Map(projects.projects.map((project) => [project.id, project]));
    const a = byId.get(apollo.id)!;
    const b = byId.get(borealis.id)!;
    expect({ bac: a.evm.bac, ev: a.evm.ev, ac: a.evm.ac, cpi: a.evm.cpi, tasks: a.tasks, hours: a.hours }).toEqual({ bac: 0, ev: 0, ac: 3, cpi: 0, tasks: 0, hours: 3 });
    expect({ bac: b.evm.bac, ev: b.evm.ev, ac: b.evm.ac, cpi: b.evm.cpi, tasks: b.tasks, hours: b.hours }).toEqual({ bac: 10, ev: 10, ac: 10, cpi: 1, tasks: 1, hours: 10 });
  });

  it('gives the hours to the PM and the portfolio of the new project', () => {
    const { managers, alignment } = run();
    const hours = (pm: string) => managers.managers.find((m) => m.id === pm)?.values.hoursLogged?.value;
    expect(hours('jira:ada')).toBe(3);
    expect(hours('jira:bo')).toBe(10);
    const portfolio = (name: string) => alignment.portfolios.find((p) => p.name === name)?.totalHours;
    expect({ space: portfolio('Space'), ice: portfolio('Ice') }).toEqual({ space: 3, ice: 10 });
  });
});
