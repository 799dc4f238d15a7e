import { describe, expect, it } from 'vitest';
import type { KpiConfig } from '../../functions/config/schema.ts';
import { ManagersDocSchema } from '../../functions/contract/documents.ts';
import type { Task } from '../../functions/domain/records.ts';
import { createKpiEngine, type KpiResults } from '../../functions/kpi/index.ts';
import { AS_OF, overrides, people, projects, statusChanges, tasks, timeEntries, WINDOW_DAYS } from '../fixtures/kpi/flow-org.ts';

/**
 * Throughput in story points on test/fixtures/kpi/flow-org.ts (window = March 2026, 31 days,
 * 31/7 = 4.428571 weeks), with points given here: Ann's done tasks a1 5, a2 3, a4 none, a5 2;
 * Bob's b1 8, b2 none. Open a3 and a6 carry points that must not count.
 */
const points: Record<string, number> = { 'p:a1': 5, 'p:a2': 3, 'p:a3': 13, 'p:a5': 2, 'p:a6': 1, 'p:b1': 8 };
const pointed: Task[] = tasks.map((task) => (points[task.id] === undefined ? task : { ...task, storyPoints: points[task.id]! }));

function run(settings?: KpiConfig): KpiResults {
  const engine = createKpiEngine({ asOf: AS_OF, windowDays: WINDOW_DAYS, ...(settings ? { settings } : {}), projects, people, themes: [], overrides });
  engine.addTasks(pointed);
  engine.addStatusChanges(statusChanges);
  engine.addTimeEntries(timeEntries);
  return engine.finish();
}
const pm = (result: KpiResults, id: string) => result.managers.managers.find((m) => m.id === id)!;

describe('throughput in story points', () => {
  it('sums the points of tasks done in the period per week, and counts the tasks without points apart', () => {
    const r = run({ unit: 'points' });
    expect(ManagersDocSchema.parse(r.managers)).toBeTruthy();
    expect(r.managers.unit).toBe('points');
    // Ann: 5 + 3 + 2 = 10 points over 3 pointed tasks; a4 unpointed: 1 of 4 done = 0.25. 10 ÷ 4.428571 = 2.2581.
    expect(pm(r, 'p:ann').values.throughput).toEqual({ value: 2.26, n: 3, smallSample: true, unpointed: 1, unpointedShare: 0.25 });
    // Bob: 8 points, 1 pointed, b2 unpointed: 1 of 2 = 0.5. 8 ÷ 4.428571 = 1.8065.
    expect(pm(r, 'p:bob').values.throughput).toEqual({ value: 1.81, n: 1, smallSample: true, unpointed: 1, unpointedShare: 0.5 });
    // Per person-week: Ann's team spent 25/20 + 8/40 = 1.45 person-weeks on Atlas: 10 ÷ 1.45 = 6.8966.
    expect(pm(r, 'p:ann').values.throughputPerPersonWeek).toMatchObject({ value: 6.8966, n: 3, weight: 1.45, unpointed: 1, unpointedShare: 0.25 });
    // The month of March is the window.
    const march = pm(r, 'p:ann').months!.find((month) => month.period === '2026-03')!;
    expect(march.values.throughput).toMatchObject({ value: 2.26, n: 3, unpointed: 1 });
    // A month with nothing done: no share.
    const february = pm(r, 'p:ann').months!.find((month) => month.period === '2026-02')!;
    expect(february.values.throughput).toMatchObject({ value: 0, n: 0, unpointed: 0, unpointedShare: null });
  });

  it('says in the definitions that the throughput KPIs count points', () => {
    const r = run({ unit: 'points' });
    const throughput = r.managers.kpis.find((kpi) => kpi.id === 'throughput')!;
    expect(throughput.name).toBe('Throughput (story points)');
    expect(throughput.formula).toBe('Σ story points of tasks done in the period ÷ (days in the period ÷ 7)');
    expect(r.managers.kpis.find((kpi) => kpi.id === 'throughputPerPersonWeek')!.name).toBe('Throughput per person-week (story points)');
    // Nothing else changes with the unit.
    const items = run();
    expect(r.managers.kpis.filter((kpi) => !kpi.id.startsWith('throughput'))).toEqual(items.managers.kpis.filter((kpi) => !kpi.id.startsWith('throughput')));
    expect(pm(r, 'p:ann').values.onTimeRate).toEqual(pm(items, 'p:ann').values.onTimeRate);
  });

  it('counts tasks by default, with no unpointed fields', () => {
    const r = run();
    expect(r.managers.unit).toBe('items');
    // 4 done ÷ 4.428571 = 0.9032.
    expect(pm(r, 'p:ann').values.throughput).toEqual({ value: 0.9, n: 4, smallSample: true });
  });
});
