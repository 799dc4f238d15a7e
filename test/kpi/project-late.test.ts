import { describe, expect, it } from 'vitest';
import { createKpiEngine } from '../../functions/kpi/index.ts';
import * as org from '../fixtures/kpi/small-org.ts';

/**
 * Each project's late tasks, by hand from the small organisation (as of 2026-03-31, window
 * 2026-03-02 … 03-31): a task is late when it is due in the window and not done by its due day;
 * one done after the as-of day, or done without a date, is still open. Most days late first.
 *   P1: t7 open, due 03-15 → 16 days; t4 done 03-11, due 03-10 → 1; t2 due 03-31, done after as-of → 0.
 *       (t1 and t5 on time, t3 due before the window, t6 due after as-of.)
 *   P2: u3 done without a date, due 03-28 → 3 days.   P3: v10 open, due 03-19 → 12; v9 done 03-19, due 03-18 → 1.
 *   P4: none (w1 on time, w3 due before the window).
 */
function lateTasks() {
  const engine = createKpiEngine({ asOf: org.AS_OF, windowDays: org.WINDOW_DAYS, projects: org.projects, people: org.people, themes: org.themes, overrides: org.overrides });
  engine.addTasks(org.tasks);
  engine.addTimeEntries(org.timeEntries);
  const doc = engine.finish().projects;
  return new Map(doc.projects.map((p) => [p.id, (p.lateTasks ?? []).map((t) => [t.id, t.reason])]));
}

describe("a project's late tasks in projects.json", () => {
  it('lists the tasks due in the window and not done by their due day, most days late first', () => {
    const late = lateTasks();
    expect(late.get('jira:P1')?.map(([id]) => id)).toEqual(['jira:t7', 'jira:t4', 'jira:t2']);
    expect(late.get('jira:P1')?.[0]?.[1]).toBe('open, 16 days past its due date');
    expect(late.get('jira:P1')?.[1]?.[1]).toBe('done 1 day late');
    expect(late.get('jira:P1')?.[2]?.[1]).toBe('done after the as-of date, 0 days past its due date');
    expect(late.get('asana:P2')).toEqual([['asana:u3', 'marked done without a completion time, 3 days past its due date']]);
    expect(late.get('jira:P3')?.map(([id]) => id)).toEqual(['jira:v10', 'jira:v9']);
    expect(late.get('asana:P4')).toEqual([]);
  });
});
