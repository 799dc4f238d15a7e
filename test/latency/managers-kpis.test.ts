import { describe, expect, it } from 'vitest';
import type { ManagersDoc } from '../../functions/contract/documents.ts';
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
    expect(out.managers[0]!.values.decisionWaitHours).toEqual({ value: 10, n: 12, smallSample: false });
    expect(out.managers[1]!.values.decisionWaitHours).toEqual({ value: 20, n: 3, smallSample: false });
    expect(out.managers[2]!.values.decisionWaitHours).toEqual({ value: null, n: 0, smallSample: true });
    // Per wait: a 10/12 = 0.833 h, b 20/3 = 6.667 h; lower is better, so a is P100 and b P50. Each is
    // compared with the other PMs, and with one other there is no spread to judge by: within, no deviation.
    expect(out.managers[0]!.values.decisionWaitMeanHours).toMatchObject({ value: 10 / 12, n: 12, smallSample: false, percentile: 100, deviation: null, signal: 'within' });
    expect(out.managers[1]!.values.decisionWaitMeanHours).toMatchObject({ value: 20 / 3, n: 3, smallSample: true, percentile: 50, signal: 'within' });
    expect(out.managers[2]!.values.decisionWaitMeanHours).toEqual({ value: null, n: 0, smallSample: true, percentile: null });
    // Share rests on 4 cycles for b: a small sample (below 10).
    expect(out.managers[1]!.values.decisionWaitShare).toMatchObject({ value: 0.3, n: 4, smallSample: true });
    expect(out.company.decisionWaitShare!.mean).toBeCloseTo(0.2, 10);
    // Nothing beyond its limits: no weakest KPI is added.
    expect(out.managers[0]!.weakestKpi).toBeUndefined();
  });

  it('makes a latency KPI the weakest when it lies further beyond its limits than the others', () => {
    // Six PMs with average waits of 1, 2, 3, 2, 1 and 3 h over 10 waits each, one with 30 h. Against the
    // other six: target 2, Σ n(x − 2)² = 10 × (1 + 0 + 1 + 0 + 1 + 1) = 40, sd = √(40/5) = 2.828427,
    // se at 10 = 0.894427; −(30 − 2)/0.894427 = −31.30, beyond t(0.999, 5) = 5.8934.
    const many: ManagersDoc = { ...doc, managers: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => ({ id, name: id, projectIds: [], values: {}, weakestKpi: null })) };
    const hours = [10, 20, 30, 20, 10, 30, 300];
    const byManager = new Map(many.managers.map((pm, i) => [pm.id, figures(hours[i]!, 10, null, null, 0)]));
    const out = withLatencyKpis(many, byManager);
    expect(out.managers[6]!.values.decisionWaitMeanHours).toMatchObject({ target: 2, se: 0.8944, deviation: -31.3, limit95: 2.571, limit998: 5.893, signal: 'worse', beyond998: true });
    expect(out.managers[6]!.weakestKpi).toBe('decisionWaitMeanHours');
    expect(out.managers[6]!.drivers).toEqual({ kpi: 'decisionWaitMeanHours', tasks: [] });
    expect(out.managers[0]!.weakestKpi).toBeNull();
  });
});
