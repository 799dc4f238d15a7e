import { describe, expect, it } from 'vitest';
import { createKpiEngine, type KpiResults } from '../../functions/kpi/index.ts';
import { fitBetaPrior, funnel, percentiles, quantile7, shrink } from '../../functions/kpi/compare/compare.ts';
import { KPI_SPECS, areaDefinitions } from '../../functions/kpi/catalogue/definitions.ts';
import type { Task } from '../../functions/domain/records.ts';
import { AS_OF, overrides, people, projects, statusChanges, tasks, timeEntries, WINDOW_DAYS } from '../fixtures/kpi/flow-org.ts';

function run(extraTasks: Task[] = []): KpiResults {
  const engine = createKpiEngine({ asOf: AS_OF, windowDays: WINDOW_DAYS, projects, people, themes: [], overrides });
  engine.addTasks([...tasks, ...extraTasks]);
  engine.addStatusChanges(statusChanges);
  engine.addTimeEntries(timeEntries);
  return engine.finish();
}

describe('comparing PMs with the company', () => {
  it('fits a beta prior by the method of moments and shrinks rates toward it', () => {
    // Rates 2/4 = 0.5 and 2/2 = 1: m = 0.75, v = (0.25² + 0.25²)/2 = 0.0625, α + β = 0.1875/0.0625 − 1 = 2,
    // α = 1.5, β = 0.5. Shrunk: (2 + 1.5)/(4 + 2) = 0.583333 and (2 + 1.5)/(2 + 2) = 0.875.
    const rates = [{ value: 0.5, n: 4, successes: 2 }, { value: 1, n: 2, successes: 2 }];
    const prior = fitBetaPrior(rates);
    expect(prior).toEqual({ alpha: 1.5, beta: 0.5 });
    expect(shrink(rates[0]!, prior)).toBeCloseTo(0.583333, 6);
    expect(shrink(rates[1]!, prior)).toBe(0.875);
  });

  it('leaves rates unshrunk when there is no spread to fit or too few PMs', () => {
    expect(fitBetaPrior([{ value: 0.5, n: 4, successes: 2 }])).toBeUndefined();
    expect(fitBetaPrior([{ value: 0.5, n: 4, successes: 2 }, { value: 0.5, n: 2, successes: 1 }])).toBeUndefined(); // v = 0
    // v = 0.25 = m(1 − m): as spread as a beta can be, α + β would be 0.
    expect(fitBetaPrior([{ value: 0, n: 4, successes: 0 }, { value: 1, n: 2, successes: 2 }])).toBeUndefined();
    expect(shrink({ value: 0.5, n: 4, successes: 2 }, undefined)).toBe(0.5);
    expect(shrink({ value: null, n: 0 }, { alpha: 1, beta: 1 })).toBeNull();
  });

  it('draws funnel limits around the pooled rate', () => {
    // Pooled 4/6 = 0.666667; sizes: the PMs' n (4, 2) and round numbers 1, 2 up to the largest n.
    const f = funnel([{ value: 0.5, n: 4, successes: 2 }, { value: 1, n: 2, successes: 2 }]);
    expect(f?.target).toBeCloseTo(0.666667, 6);
    expect(f?.limits.map((l) => l.n)).toEqual([1, 2, 4]);
    // n = 4: se = √(0.666667 × 0.333333 / 4) = 0.235702; 0.666667 − 1.959964 × 0.235702 = 0.204700;
    // upper 1.128634 → clamped to 1; 99.8 %: 0.666667 − 3.090232 × 0.235702 < 0 → 0.
    const at4 = f?.limits[2];
    expect(at4?.lower95).toBeCloseTo(0.2047, 4);
    expect(at4).toMatchObject({ upper95: 1, lower998: 0, upper998: 1 });
    expect(funnel([{ value: null, n: 0 }])).toBeUndefined();
  });

  it('ranks by direction-adjusted percentile and spreads company values by quartile', () => {
    // Goodness 3, 1, 3, 2 → beats or ties: 4, 1, 4, 2 of 4.
    expect(percentiles([3, 1, 3, null, 2])).toEqual([100, 25, 100, null, 50]);
    // Type 7: 1 2 3 4 → p25 at h = 0.75 → 1.75; median 2.5.
    expect(quantile7([4, 1, 3, 2], 0.25)).toBe(1.75);
    expect(quantile7([4, 1, 3, 2], 0.5)).toBe(2.5);
  });

  it('publishes company stats, shrunk values and percentiles beside each PM value', () => {
    const { managers } = run();
    expect(managers.company.onTimeRate).toMatchObject({ mean: 0.75, median: 0.75, p25: 0.625, p75: 0.875, n: 2 });
    expect(managers.company.onTimeRate?.funnel?.target).toBe(0.6667);
    const [ann, bob] = managers.managers;
    expect(ann?.values.onTimeRate).toMatchObject({ value: 0.5, shrunk: 0.5833, percentile: 50 });
    expect(bob?.values.onTimeRate).toMatchObject({ value: 1, shrunk: 0.875, percentile: 100 });
    // Lower is better for slip: Bob's 0 beats Ann's 3.5.
    expect(bob?.values.slipDaysMean?.percentile).toBe(100);
  });

  it('scores competency areas at 100 + 15 × mean z, direction-adjusted', () => {
    const [ann, bob] = run().managers.managers;
    // Two PMs: z = ±1 where both have differing values, 0 where only one has a value.
    // Ann delivery: onTime −1, slip mean −1, slip p85 −1, milestones 0 (only Ann) → 100 − 15 × 3/4 = 88.75 → 88.8.
    // Cost: SPI 0.84 < 1 (−1), CPI 0.6364 > 0.5 (+1), work ratio 1.125 further from 1 than 1 (−1) → 95.
    // Flow: cycle p50, p85 only Ann (0, 0), lead 14.5 > 4.42 (−1) → 95. Quality: reopen only Ann → 100.
    // Team: utilization 0.154 > 0.068 (+1), overtime 0.12 > 0 (−1), imbalance 0.52 > 0 (−1) → 95.
    expect(ann?.areas).toEqual([
      { id: 'delivery', score: 88.8 }, { id: 'cost', score: 95 }, { id: 'flow', score: 95 }, { id: 'quality', score: 100 }, { id: 'team', score: 95 },
    ]);
    expect(bob?.areas).toEqual([
      { id: 'delivery', score: 115 }, { id: 'cost', score: 105 }, { id: 'flow', score: 115 }, { id: 'quality', score: null }, { id: 'team', score: 105 },
    ]);
  });

  it('publishes counts that grow with size without percentile, signal or z, so one project cannot be best', () => {
    const { managers } = run();
    const [ann, bob] = managers.managers;
    // Bob leads one project with two tasks: 0 overdue and the least WIP. Ranked as counts he was P100 on both.
    expect(bob?.projectIds).toEqual(['p:B']);
    expect(bob?.values.overdueOpen).toEqual({ value: 0, n: 2, smallSample: true });
    expect(bob?.values.wip).toEqual({ value: 0, n: 2, smallSample: true });
    expect(ann?.values.hoursLogged).toEqual({ value: 33, n: 4, smallSample: false });
    // Throughput 4 ÷ (31/7) = 0.9 a week for Ann; no percentile to say it beats Bob's 0.45.
    expect(ann?.values.throughput).toEqual({ value: 0.9, n: 4, smallSample: true });
    const counts = managers.kpis.filter((k) => k.ranked === false).map((k) => k.id);
    expect(counts).toEqual(['overdueOpen', 'replannedTasks', 'throughput', 'wip', 'hoursLogged']);
    expect(managers.kpis.filter((k) => k.comparison === 'count').map((k) => k.id)).toEqual(counts);
    // No area holds a count, and no count is anybody's weakest KPI.
    for (const area of areaDefinitions) for (const id of area.kpis) expect(counts).not.toContain(id);
    expect(KPI_SPECS.filter((s) => s.area).every((s) => s.comparison !== 'count')).toBe(true);
    // The ranked, size-normalised forms carry the comparison instead. Overdue share: Ann 1/4, Bob 0/2,
    // pooled 1/6; Ann: se = √(1/6 × 5/6 ÷ 4) = 0.186339, −(0.25 − 0.166667)/0.186339 = −0.45.
    expect(ann?.values.overdueOpenShare).toMatchObject({ value: 0.25, n: 4, successes: 1, percentile: 50, deviation: -0.45, signal: 'within', beyond998: false });
    expect(bob?.values.overdueOpenShare).toMatchObject({ value: 0, percentile: 100, signal: 'within' });
    // WIP per person: Ann 1 task ÷ 2 people (w1, w2) = 0.5; Bob 0 ÷ 2 (w2, w3).
    expect(ann?.values.wipPerPerson).toMatchObject({ value: 0.5, n: 2 });
    // Throughput per person-week: Ann's team logged 25 h (w1, 20 h/week) and 8 h (w2, 40 h/week) on Atlas:
    // 25/20 + 8/40 = 1.45 person-weeks; 4 done ÷ 1.45 = 2.7586.
    expect(ann?.values.throughputPerPersonWeek).toMatchObject({ value: 2.7586, n: 4, weight: 1.45 });
  });

  it('publishes for each ranked value what it was compared with', () => {
    const [ann, bob] = run().managers.managers;
    // On-time: pooled 4/6; Ann se = √(0.666667 × 0.333333/4) = 0.235702, (0.5 − 0.666667)/0.235702 = −0.71.
    expect(ann?.values.onTimeRate).toMatchObject({ target: 0.6667, se: 0.2357, deviation: -0.71, signal: 'within', beyond998: false });
    // SPI is compared with the other PMs; with only two PMs there is nobody else to estimate the spread from.
    expect(ann?.values.spi).toMatchObject({ target: null, se: null, deviation: null, signal: 'within' });
    expect(bob?.values.spi).toMatchObject({ deviation: null, signal: 'within' });
    // Counts carry none of it.
    expect(ann?.values.wip).not.toHaveProperty('signal');
  });

  it('names no weakest KPI when every ranked KPI is within its limits', () => {
    const [ann, bob] = run().managers.managers;
    // Ann's on-time 2/4 against the pooled 4/6: (0.5 − 0.6667)/√(0.6667 × 0.3333/4) = −0.71, within;
    // with two PMs the other KPIs have no limits (they need two other PMs). Ranked last is not weak.
    expect(ann?.values.onTimeRate?.deviation).toBe(-0.71);
    expect(ann?.weakestKpi).toBeNull();
    expect(ann?.drivers).toBeUndefined();
    expect(bob?.weakestKpi).toBeNull();
    expect(bob?.drivers).toBeUndefined();
  });

  it('names the KPI furthest beyond its limits and the tasks that drive it', () => {
    // 18 more tasks done on time for Bob: on-time Ann 2/4, Bob 20/20, pooled 22/24 = 0.916667;
    // Ann: se = √(0.916667 × 0.083333/4) = 0.138193, (0.5 − 0.916667)/0.138193 = −3.015 (beyond 95 %, not 99.8 %).
    // Overdue share Ann 1/4, Bob 0/20, pooled 1/24: −(0.25 − 0.041667)/√(0.041667 × 0.958333/4) = −0.208333/0.099913 = −2.0851.
    const b1 = tasks.find((t) => t.id === 'p:b1') as Task;
    const more = Array.from({ length: 18 }, (_, i) => ({ ...b1, id: `p:bx${i}`, sourceId: `bx${i}` }));
    const [ann, bob] = run(more).managers.managers;
    expect(ann?.values.onTimeRate).toMatchObject({ deviation: -3.02, signal: 'worse', beyond998: false });
    expect(ann?.values.overdueOpenShare).toMatchObject({ deviation: -2.09, signal: 'worse' });
    // The further of the two is on-time delivery: a3 (open, 11 days) weighs more than a2 (3 days late).
    expect(ann?.weakestKpi).toBe('onTimeRate');
    expect(ann?.drivers?.kpi).toBe('onTimeRate');
    expect(ann?.drivers?.tasks.map((t) => [t.id, t.reason])).toEqual([
      ['p:a3', 'open, 11 days past its due date'],
      ['p:a2', 'done 3 days late'],
    ]);
    expect(bob?.weakestKpi).toBeNull();
  });
});
