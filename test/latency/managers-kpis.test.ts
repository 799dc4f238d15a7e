import { describe, expect, it } from 'vitest';
import type { ManagersDoc } from '../../functions/publish/documents.ts';
import type { LatencyFigures } from '../../functions/latency/index.ts';
import { withLatencyKpis } from '../../functions/latency/managers-kpis.ts';

const doc: ManagersDoc = {
  schemaVersion: 1,
  asOf: '2026-06-30',
  window: { from: '2026-04-02', to: '2026-06-30' },
  kpis: [],
  managers: ['a', 'b', 'c'].map((id) => ({ id, name: id.toUpperCase(), projectIds: [], values: {} })),
  company: {},
};

function figures(waitingHours: number, waits: number, p85: number | null, waitingShare: number | null, cycleTasks: number): LatencyFigures {
  return { waitingHours, waits, p50: p85, p85, waitingShare, cycleTasks, tasksWithHistory: 5 };
}

describe('withLatencyKpis', () => {
  it('adds the latency KPIs with company spread and direction-adjusted percentiles for the ranked ones', () => {
    const byManager = new Map([
      ['a', figures(10, 12, 4, 0.1, 20)],
      ['b', figures(20, 3, 8, 0.3, 4)],
      // c has no status history at all: no values rather than a flattering zero.
      ['c', { ...figures(0, 0, null, null, 0), tasksWithHistory: 0 }],
    ]);
    const out = withLatencyKpis(doc, byManager);
    expect(out.kpis.map((k) => k.id)).toEqual(['decisionWaitHours', 'decisionWaitMeanHours', 'decisionWaitShare', 'decisionWaitP85']);
    expect(out.kpis.map((k) => k.ranked)).toEqual([false, true, true, true]);
    // Hours: a = 10, b = 20 → mean 15, median 15. A sum of hours grows with the number of waits:
    // published without percentile or signal (b, with 3 waits, used to rank below a with 12).
    expect(out.company.decisionWaitHours).toMatchObject({ mean: 15, median: 15, n: 2 });
    expect(out.company.decisionWaitHours?.interval).toBeUndefined();
    expect(out.managers[0]!.values.decisionWaitHours).toEqual({ value: 10, n: 12, smallSample: false });
    expect(out.managers[1]!.values.decisionWaitHours).toEqual({ value: 20, n: 3, smallSample: false });
    expect(out.managers[2]!.values.decisionWaitHours).toEqual({ value: null, n: 0, smallSample: true });
    // Per wait: a 10/12 = 0.833 h, b 20/3 = 6.667 h; lower is better, so a is P100 and b P50.
    // Interval: target (12 × 0.8333 + 3 × 6.6667)/15 = 30/15 = 2; sd = √(12 × 1.3611 + 3 × 21.7778) = √81.667 = 9.037;
    // a: −(0.8333 − 2)/(9.037/√12) = +0.447; both within.
    expect(out.managers[0]!.values.decisionWaitMeanHours).toMatchObject({ value: 10 / 12, n: 12, smallSample: false, percentile: 100, deviation: 0.45, signal: 'within' });
    expect(out.managers[1]!.values.decisionWaitMeanHours).toMatchObject({ value: 20 / 3, n: 3, smallSample: true, percentile: 50, signal: 'within' });
    expect(out.company.decisionWaitMeanHours?.interval?.target).toBeCloseTo(2, 10);
    expect(out.managers[2]!.values.decisionWaitMeanHours).toEqual({ value: null, n: 0, smallSample: true, percentile: null });
    // Share rests on 4 cycles for b: a small sample (below 10).
    expect(out.managers[1]!.values.decisionWaitShare).toMatchObject({ value: 0.3, n: 4, smallSample: true });
    expect(out.company.decisionWaitShare!.mean).toBeCloseTo(0.2, 10);
    // Nothing beyond its limits: no weakest KPI is added.
    expect(out.managers[0]!.weakestKpi).toBeUndefined();
  });

  it('makes a latency KPI the weakest when it lies further beyond its limits than the others', () => {
    // Six PMs with a 2 h average wait over 10 waits each, one with 30 h: target (6 × 20 + 300)/70 = 6;
    // Σ n(x − 6)² = 6 × 10 × 16 + 10 × 576 = 6720; sd = √(6720/6) = 33.466; se at 10 = 10.583;
    // the outlier: −(30 − 6)/10.583 = −2.268, beyond the 95 % limit.
    const many: ManagersDoc = { ...doc, managers: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => ({ id, name: id, projectIds: [], values: {}, weakestKpi: null })) };
    const byManager = new Map(many.managers.map((pm, i) => [pm.id, figures(i === 6 ? 300 : 20, 10, null, null, 0)]));
    const out = withLatencyKpis(many, byManager);
    expect(out.managers[6]!.values.decisionWaitMeanHours?.deviation).toBeCloseTo(-2.27, 2);
    expect(out.managers[6]!.weakestKpi).toBe('decisionWaitMeanHours');
    expect(out.managers[6]!.drivers).toEqual({ kpi: 'decisionWaitMeanHours', tasks: [] });
    expect(out.managers[0]!.weakestKpi).toBeNull();
  });
});
