import { describe, expect, it } from 'vitest';
import type { Task } from '../../functions/domain/index.ts';
import { createForecastEngine } from '../../functions/forecast/index.ts';
import { ForecastsDocSchema } from '../../functions/contract/documents.ts';
import { ASOF, project, task } from './org.ts';

/** Forecasts in story points (`kpi.unit: points`), each figure worked out by hand. */
const doneInWeek = (week: number, fields: Partial<Task> = {}) =>
  task('a', 'done', { doneAt: new Date(Date.parse(`${ASOF}T12:00:00Z`) - week * 7 * 86_400_000).toISOString(), ...fields });

/**
 * Project a: one 2-point task done in each of the 12 weeks, plus one unpointed task done in week 0;
 * open: three 2-point tasks (6 points) and one without points.
 */
const tasks = [
  ...Array.from({ length: 12 }, (_, week) => doneInWeek(week, { storyPoints: 2 })),
  doneInWeek(0),
  ...Array.from({ length: 3 }, () => task('a', 'todo', { storyPoints: 2 })),
  task('a', 'in_progress'),
];

function forecast(unit: 'items' | 'points', input: Task[] = tasks) {
  const engine = createForecastEngine({ asOf: ASOF, projects: [project('a', 'pm1', 'Growth')], settings: { unit } });
  engine.addTasks(input);
  return engine.finish();
}

describe('forecasts in story points', () => {
  it('resamples points per week and counts down the open points, leaving unpointed tasks out and counted', () => {
    const doc = forecast('points');
    expect(ForecastsDocSchema.parse(doc)).toBeTruthy();
    expect(doc.unit).toBe('points');
    // 2 points every week, 6 open: 3 weeks in every trial → 2026-07-21.
    expect(doc.projects[0]).toMatchObject({
      status: 'ok', remaining: 6, weeklyThroughput: new Array(12).fill(2),
      p50: '2026-07-21', p85: '2026-07-21', p95: '2026-07-21',
      // 1 of the 4 open tasks has no points: share 0.25; 1 task done in the history weeks had none.
      unpointedOpen: 1, unpointedDone: 1, unpointedShare: 0.25,
    });
    // The roll-ups say the same of their one project.
    expect(doc.managers[0]).toMatchObject({ remaining: 6, unpointedOpen: 1, unpointedDone: 1, unpointedShare: 0.25, p50: '2026-07-21' });
    expect(doc.settings).toEqual({ trials: 10_000, historyWeeks: 12, seed: 1, minDone: 5 });
  });

  it('counts tasks in items, as before, and says so', () => {
    const doc = forecast('items');
    expect(doc.unit).toBe('items');
    // 13 tasks done (2 in week 0), 4 open.
    expect(doc.projects[0]).toMatchObject({ remaining: 4, weeklyThroughput: [...new Array(11).fill(1), 2] });
    expect(doc.projects[0]).not.toHaveProperty('unpointedOpen');
  });

  it('gives no forecast when every open task lacks points, and says why', () => {
    const doc = forecast('points', [...tasks.slice(0, 13), task('a', 'todo'), task('a', 'todo')]);
    expect(doc.projects[0]).toMatchObject({
      status: 'insufficient_history', remaining: 0, unpointedOpen: 2, unpointedShare: 1, p50: null,
      reason: '2 open items, none with story points: nothing to count down in points',
    });
  });

  it('asks minDone of the tasks with points: many unpointed tasks done are still no history in points', () => {
    const input = [
      ...Array.from({ length: 4 }, (_, week) => doneInWeek(week, { storyPoints: 3 })),
      ...Array.from({ length: 10 }, (_, week) => doneInWeek(week)),
      task('a', 'todo', { storyPoints: 5 }),
    ];
    expect(forecast('points', input).projects[0]).toMatchObject({
      status: 'insufficient_history', reason: 'only 4 items with story points done in the last 12 weeks (at least 5 needed)', unpointedDone: 10,
    });
    expect(forecast('items', input).projects[0]!.status).toBe('ok');
  });
});
