import { describe, expect, it } from 'vitest';
import type { Person, Project, Task } from '../../functions/domain/records.ts';
import { Calendar } from '../../functions/kpi/engine/calendar.ts';
import { createKpiEngine } from '../../functions/kpi/index.ts';

/**
 * A month or quarter that stops on the as-of date before its own last day holds fewer days than
 * a whole one: the published managers document marks it `partial` with the day it stops, so no
 * reader compares it with a whole period. One stopping on its own last day is complete.
 */

const person = (id: string): Person => ({ id, source: 'jira', sourceId: id.slice(5), name: id.slice(5) });
const apollo: Project = { id: 'jira:APO', source: 'jira', sourceId: 'APO', name: 'Apollo', pmId: 'jira:ada', portfolio: 'Space', tags: [] };
const task: Task = {
  id: 'jira:t1', source: 'jira', sourceId: 't1', projectId: apollo.id, title: 't1', status: 'todo', originalStatus: 'To Do',
  createdAt: '2026-01-05T09:00:00Z', updatedAt: '2026-01-05T09:00:00Z', tags: [], dueOn: '2026-10-20',
};

function reportsAsOf(asOf: string) {
  const engine = createKpiEngine({ asOf, windowDays: 30, projects: [apollo], themes: [], overrides: [], people: [person('jira:ada')] });
  engine.addTasks([task]);
  return engine.finish();
}
const managersAsOf = (asOf: string) => reportsAsOf(asOf).managers;

type Period = { period: string; partial?: true; to?: string };
const marks = (periods: Period[] | undefined) => (periods ?? []).slice(-2).map((p) => [p.period, p.partial ?? false, p.to ?? null]);

describe('partial months and quarters', () => {
  it('marks the as-of month and quarter partial, with the day they stop, and the ones before complete', () => {
    const doc = managersAsOf('2026-12-05');
    const ada = doc.managers[0];
    // December stops on the 5th (of 31 days); November is whole. Q4 stops on 5 December (of 31).
    expect(marks(ada?.months)).toEqual([['2026-11', false, null], ['2026-12', true, '2026-12-05']]);
    expect(marks(ada?.quarters)).toEqual([['2026-Q3', false, null], ['2026-Q4', true, '2026-12-05']]);
    expect(marks(doc.companyMonths)).toEqual([['2026-11', false, null], ['2026-12', true, '2026-12-05']]);
  });

  it('leaves a month complete when the as-of date is its last day, and its quarter partial until the quarter ends', () => {
    const november = managersAsOf('2026-11-30');
    expect(marks(november.managers[0]?.months)).toEqual([['2026-10', false, null], ['2026-11', false, null]]);
    expect(marks(november.managers[0]?.quarters)).toEqual([['2026-Q3', false, null], ['2026-Q4', true, '2026-11-30']]);
    const yearEnd = managersAsOf('2026-12-31');
    expect(marks(yearEnd.managers[0]?.quarters)).toEqual([['2026-Q3', false, null], ['2026-Q4', false, null]]);
    expect(marks(yearEnd.companyMonths)).toEqual([['2026-11', false, null], ['2026-12', false, null]]);
  });

  it('marks the partial month in the theme mix of the company, each portfolio and each PM', () => {
    const { alignment } = reportsAsOf('2026-12-05');
    expect(marks(alignment.months)).toEqual([['2026-11', false, null], ['2026-12', true, '2026-12-05']]);
    expect(marks(alignment.portfolios[0]?.months)).toEqual([['2026-11', false, null], ['2026-12', true, '2026-12-05']]);
    expect(marks(alignment.managers?.[0]?.months)).toEqual([['2026-11', false, null], ['2026-12', true, '2026-12-05']]);
  });

  it('knows February of a leap year ends on the 29th', () => {
    // 2028 is a leap year: 28 February is one day short, 29 February is the last day.
    const slotOfLastMonth = (calendar: Calendar) => calendar.slots.findLastIndex((s) => s.kind === 'month');
    const short = new Calendar('2028-02-28', 30, 12, 4);
    const whole = new Calendar('2028-02-29', 30, 12, 4);
    expect(short.isPartial(slotOfLastMonth(short))).toBe(true);
    expect(whole.isPartial(slotOfLastMonth(whole))).toBe(false);
    expect(whole.isPartial(0)).toBe(false); // the trailing window is never partial: it always holds its days
  });
});
