import { describe, expect, it } from 'vitest';
import type { KpiDefinition, ManagersDoc } from '../../functions/contract/documents.ts';
import { changesBeyondNoise } from '../../site/src/lib/changes.ts';
import { band } from '../../site/src/lib/area-grid.ts';

const rate: KpiDefinition = { id: 'onTimeRate', name: 'On-time', unit: 'ratio', higherIsBetter: true, description: '', formula: '', comparison: 'rate', ranked: true };
const days: KpiDefinition = { id: 'cycle', name: 'Cycle', unit: 'days', higherIsBetter: false, description: '', formula: '', comparison: 'normalised', ranked: true };
const count: KpiDefinition = { id: 'throughput', name: 'Throughput', unit: 'count', higherIsBetter: true, description: '', formula: '', comparison: 'count', ranked: false };
const v = (value: number, n = 20, successes?: number) => ({ value, n, smallSample: n < 10, ...(successes === undefined ? {} : { successes }) });
type Values = Record<string, ReturnType<typeof v>>;
const periods = ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];

function doc(months: Values[], partialLast = true): ManagersDoc {
  const all = [...periods, '2026-12'];
  return {
    schemaVersion: 1, asOf: '2026-12-05', window: { from: '2026-09-07', to: '2026-12-05' }, kpis: [rate, days, count], company: {},
    companyMonths: all.map((period, i) => ({ period, ...(partialLast && i === all.length - 1 ? { partial: true as const, to: '2026-12-05' } : {}), values: {} })),
    managers: [{ id: 'pm-a', name: 'A', projectIds: [], values: {}, months: months.map((values, i) => ({ period: all[i]!, ...(partialLast && i === all.length - 1 ? { partial: true as const } : {}), values })) }],
  };
}

describe('changesBeyondNoise', () => {
  it('tests a rate with the two-proportion z over the last two complete months, never the partial one', () => {
    // October 10/40, November 30/40: pooled p = 40/80 = 0.5, se = √(0.25 × (1/40 + 1/40)) = 0.1118, z = 0.5 / 0.1118 = 4.472.
    const months: Values[] = [{}, {}, {}, { onTimeRate: v(0.25, 40, 10) }, { onTimeRate: v(0.75, 40, 30) }, { onTimeRate: v(0, 40, 0) }];
    const [change] = changesBeyondNoise(doc(months));
    expect(change!.test).toBe('two-proportion');
    expect(change!.trend).toBe('better');
    expect(change!.strength).toBeCloseTo(4.4721 / 1.96, 3);
    // 20/40 → 24/40: pooled 0.55, se = √(0.2475 × 0.05) = 0.1112, z = 0.1 / 0.1112 = 0.899: within noise.
    expect(changesBeyondNoise(doc([{}, {}, {}, { onTimeRate: v(0.5, 40, 20) }, { onTimeRate: v(0.6, 40, 24) }, {}]))).toEqual([]);
  });

  it('tests any other ranked KPI against 3.267 × the mean moving range of the PM\'s earlier months', () => {
    // History 5, 6, 5, 6 (moving ranges 1, 1, 1: mean 1, limit 3.267); November 10: a change of 4 > 3.267, worse (lower is better).
    const months: Values[] = [{ cycle: v(5) }, { cycle: v(6) }, { cycle: v(5) }, { cycle: v(6) }, { cycle: v(10) }, {}];
    const [change] = changesBeyondNoise(doc(months));
    expect(change).toMatchObject({ test: 'moving range', trend: 'worse', before: 6, after: 10 });
    expect(change!.strength).toBeCloseTo(4 / 3.267, 6);
    // A change of 3 stays inside 3.267.
    expect(changesBeyondNoise(doc([{ cycle: v(5) }, { cycle: v(6) }, { cycle: v(5) }, { cycle: v(6) }, { cycle: v(9) }, {}]))).toEqual([]);
  });

  it('leaves out small samples, counts and a PM without enough history', () => {
    expect(changesBeyondNoise(doc([{}, {}, {}, { onTimeRate: v(0.25, 4, 1) }, { onTimeRate: v(1, 4, 4) }, {}]))).toEqual([]);
    expect(changesBeyondNoise(doc([{ throughput: v(1) }, { throughput: v(1) }, { throughput: v(1) }, { throughput: v(1) }, { throughput: v(90) }, {}]))).toEqual([]);
    expect(changesBeyondNoise(doc([{}, {}, { cycle: v(5) }, { cycle: v(6) }, { cycle: v(60) }, {}]))).toEqual([]);
  });
});

describe('area bands', () => {
  it('bands a score by its distance from 100 in standard deviations of 15 points', () => {
    expect([85, 90, 92.5, 100, 107.4, 107.5, 114.9, 115, null].map(band)).toEqual([-2, -1, -1, 0, 0, 1, 1, 2, null]);
  });
});
