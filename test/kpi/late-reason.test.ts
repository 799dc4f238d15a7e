import { describe, expect, it } from 'vitest';
import type { Task } from '../../functions/domain/records.ts';
import { createKpiEngine } from '../../functions/kpi/index.ts';
import * as org from '../fixtures/kpi/small-org.ts';

/**
 * Why a late task counts as open, in words that are true of it. As of 2026-03-31, three tasks of
 * project P1, each due 03-28 (3 days before the as-of date):
 *   done-later: done 04-02, after the as-of date → not done as of 03-31, but it has a completion time;
 *   undated:    in a done status without any completion time → cannot be dated;
 *   open:       not done.
 */
const task = (id: string, fields: Partial<Task>): Task => ({
  id, source: 'jira', sourceId: id.slice('jira:'.length), projectId: 'jira:P1', title: id, status: 'todo', originalStatus: 'To Do',
  createdAt: '2026-01-05T09:00:00Z', updatedAt: '2026-03-31T09:00:00Z', dueOn: '2026-03-28', tags: [], ...fields,
});

const handMade: Task[] = [
  task('jira:done-later', { status: 'done', originalStatus: 'Done', doneAt: '2026-04-02T10:00:00Z' }),
  task('jira:undated', { status: 'done', originalStatus: 'Done' }),
  task('jira:open', {}),
];

function reasons(): Map<string, string> {
  const engine = createKpiEngine({ asOf: org.AS_OF, windowDays: org.WINDOW_DAYS, projects: org.projects, people: org.people, themes: [], overrides: org.overrides });
  engine.addTasks(handMade);
  const project = engine.finish().projects.projects.find((p) => p.id === 'jira:P1');
  return new Map((project?.lateTasks ?? []).map((t) => [t.id, t.reason]));
}

describe('the reason a late task is listed', () => {
  it('says a task done after the as-of date was done after it, not that it lacks a completion time', () => {
    expect(reasons().get('jira:done-later')).toBe('done after the as-of date, 3 days past its due date');
  });

  it('says a done task without any completion time lacks one', () => {
    expect(reasons().get('jira:undated')).toBe('marked done without a completion time, 3 days past its due date');
  });

  it('calls an open task open', () => {
    expect(reasons().get('jira:open')).toBe('open, 3 days past its due date');
  });
});
