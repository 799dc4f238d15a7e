import { describe, expect, it } from 'vitest';
import type { Project, Task } from '../../functions/domain/index.ts';
import { createForecastEngine } from '../../functions/forecast/index.ts';

const ASOF = '2026-06-30';

function project(id: string, pmId: string, portfolio: string): Project {
  return { id, source: 's', sourceId: id, name: `Project ${id}`, pmId, portfolio, tags: [] };
}

let serial = 0;
function task(projectId: string, status: Task['status'], fields: Partial<Task> = {}): Task {
  serial++;
  return {
    id: `s:${serial}`, source: 's', sourceId: String(serial), projectId, title: `t${serial}`, status, originalStatus: status,
    createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', tags: [], ...fields,
  };
}

/** One item done in each of the 12 weeks before asOf (days asOf, asOf−7, ..., asOf−77). */
function steadyDone(projectId: string): Task[] {
  return Array.from({ length: 12 }, (_, week) => {
    const day = new Date(Date.parse(`${ASOF}T12:00:00Z`) - week * 7 * 86_400_000).toISOString();
    return task(projectId, 'done', { doneAt: day });
  });
}

describe('createForecastEngine', () => {
  it('forecasts a project with constant throughput to a certain date', () => {
    // 1 done per week, 3 open: 3 weeks in every trial → 2026-06-30 + 21 days = 2026-07-21.
    const engine = createForecastEngine({ asOf: ASOF, projects: [project('a', 'pm1', 'Growth')] });
    engine.addTasks([...steadyDone('a'), ...Array.from({ length: 3 }, () => task('a', 'todo', { dueOn: '2026-07-20' }))]);
    const [forecast] = engine.finish().projects;
    expect(forecast).toMatchObject({ status: 'ok', remaining: 3, p50: '2026-07-21', p85: '2026-07-21', p95: '2026-07-21', dueOn: '2026-07-20' });
    // Due 20 days out: only 2 whole weeks fit, and no trial finishes in 2 weeks.
    expect(forecast!.probabilityByDue).toBe(0);
    expect(forecast!.weeklyThroughput).toEqual(new Array(12).fill(1));
  });

  it('finishes a PM’s and a portfolio’s work when their last project finishes', () => {
    // Two projects at 1/week each with 2 and 4 open: 2 and 4 weeks, so both roll-ups take 4 weeks
    // (pooling the flow, 2/week for 6 items, would have said 3: before project b is done).
    const engine = createForecastEngine({ asOf: ASOF, projects: [project('a', 'pm1', 'Growth'), project('b', 'pm1', 'Growth')] });
    engine.addTasks([...steadyDone('a'), ...steadyDone('b'), task('a', 'todo'), task('a', 'in_progress'), ...Array.from({ length: 4 }, () => task('b', 'todo'))]);
    const doc = engine.finish();
    expect(doc.projects.map((p) => p.p50)).toEqual(['2026-07-14', '2026-07-28']);
    expect(doc.managers).toHaveLength(1);
    expect(doc.managers[0]).toMatchObject({ id: 'pm1', remaining: 6, p50: '2026-07-28', p95: '2026-07-28' });
    expect(doc.portfolios[0]).toMatchObject({ id: 'Growth', remaining: 6, p50: '2026-07-28' });
  });

  it('says so instead of forecasting with too little history, and marks finished work done', () => {
    const engine = createForecastEngine({ asOf: ASOF, projects: [project('thin', 'pm1', 'Growth'), project('over', 'pm2', 'Ops')] });
    const recent = new Date(Date.parse(`${ASOF}T00:00:00Z`) - 86_400_000).toISOString();
    engine.addTasks([
      ...Array.from({ length: 4 }, () => task('thin', 'done', { doneAt: recent })),
      task('thin', 'todo'),
      task('over', 'done', { doneAt: recent, dueOn: '2026-06-01' }),
    ]);
    const [over, thin] = engine.finish().projects;
    expect(thin).toMatchObject({ status: 'insufficient_history', p50: null, probabilityByDue: null });
    expect(thin!.reason).toBe('only 4 items done in the last 12 weeks (at least 5 needed)');
    expect(over).toMatchObject({ status: 'done', remaining: 0, probabilityByDue: 1 });
  });

  it('counts work done after asOf as open, and ignores tasks created after it', () => {
    const engine = createForecastEngine({ asOf: ASOF, projects: [project('a', 'pm1', 'Growth')] });
    engine.addTasks([
      ...steadyDone('a'),
      task('a', 'done', { doneAt: '2026-07-02T10:00:00Z' }),
      task('a', 'todo', { createdAt: '2026-07-05T00:00:00Z' }),
    ]);
    expect(engine.finish().projects[0]).toMatchObject({ remaining: 1, p50: '2026-07-07' });
  });
});
