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
  it('adds the three KPIs with company spread and direction-adjusted percentiles', () => {
    const byManager = new Map([
      ['a', figures(10, 12, 4, 0.1, 20)],
      ['b', figures(20, 3, 8, 0.3, 4)],
      // c has no status history at all: no values rather than a flattering zero.
      ['c', { ...figures(0, 0, null, null, 0), tasksWithHistory: 0 }],
    ]);
    const out = withLatencyKpis(doc, byManager);
    expect(out.kpis.map((k) => k.id)).toEqual(['decisionWaitHours', 'decisionWaitShare', 'decisionWaitP85']);
    // Hours: a = 10, b = 20 → mean 15, median 15; lower is better, so a beats both (100) and b only itself (50).
    expect(out.company.decisionWaitHours).toMatchObject({ mean: 15, median: 15, n: 2 });
    expect(out.managers[0]!.values.decisionWaitHours).toEqual({ value: 10, n: 12, smallSample: false, percentile: 100 });
    expect(out.managers[1]!.values.decisionWaitHours).toEqual({ value: 20, n: 3, smallSample: false, percentile: 50 });
    expect(out.managers[2]!.values.decisionWaitHours).toEqual({ value: null, n: 0, smallSample: true, percentile: null });
    // Share rests on 4 cycles for b: a small sample (below 10).
    expect(out.managers[1]!.values.decisionWaitShare).toMatchObject({ value: 0.3, n: 4, smallSample: true });
    expect(out.company.decisionWaitShare!.mean).toBeCloseTo(0.2, 10);
  });
});
