import { describe, expect, it } from 'vitest';
import type { KpiConfig } from '../../functions/config/schema.ts';
import { createKpiEngine, type KpiResults } from '../../functions/kpi/index.ts';
import { ManagersDocSchema, ProjectsDocSchema } from '../../functions/contract/documents.ts';
import { AS_OF, overrides, people, projects, statusChanges, tasks, timeEntries, WINDOW_DAYS } from '../fixtures/kpi/flow-org.ts';

/**
 * Every KPI family on test/fixtures/kpi/flow-org.ts, worked out by hand in the comments.
 * Window 2026-03-01 … 2026-03-31 (31 days, 31/7 = 4.428571 weeks). Ratios to 4 decimals, days and hours to 2.
 */
function run(settings?: KpiConfig): KpiResults {
  const engine = createKpiEngine({ asOf: AS_OF, windowDays: WINDOW_DAYS, ...(settings ? { settings } : {}), projects, people, themes: [], overrides });
  engine.addTasks(tasks);
  engine.addStatusChanges(statusChanges);
  engine.addTimeEntries(timeEntries);
  return engine.finish();
}

const pm = (result: KpiResults, id: string) => {
  const found = result.managers.managers.find((m) => m.id === id);
  if (!found) throw new Error(`no PM ${id}`);
  return found;
};
const value = (result: KpiResults, id: string, kpi: string) => pm(result, id).values[kpi]?.value;

describe('KPI families', () => {
  it('computes delivery: on-time rate, slip mean and p85, overdue open tasks, milestones', () => {
    const r = run();
    // Ann, due in window: a1 (on time), a2 (3 late), a3 (open, 31 − 20 = 11), a4 (early) → 2/4 on time.
    expect(pm(r, 'p:ann').values.onTimeRate).toMatchObject({ value: 0.5, n: 4, successes: 2, smallSample: true });
    // Slip 0, 3, 11, 0 → mean 14/4 = 3.5; sorted 0 0 3 11, nearest rank ⌈0.85·4⌉ = 4th → 11.
    expect(value(r, 'p:ann', 'slipDaysMean')).toBe(3.5);
    expect(value(r, 'p:ann', 'slipDaysP85')).toBe(11);
    // a3 is open and past due at asOf; n = tasks due by asOf = 4.
    expect(pm(r, 'p:ann').values.overdueOpen).toMatchObject({ value: 1, n: 4 });
    // Milestones a1 (hit) and a3 (missed) → 1/2; small below 3.
    expect(pm(r, 'p:ann').values.milestoneHitRate).toMatchObject({ value: 0.5, n: 2, successes: 1, smallSample: true });
    expect(pm(r, 'p:bob').values.milestoneHitRate).toMatchObject({ value: null, n: 0 });
    expect(value(r, 'p:bob', 'onTimeRate')).toBe(1); // b1, b2 on their due day
  });

  it('computes flow: throughput, cycle and lead time from history or start time, WIP, reopen rate', () => {
    const r = run();
    // Done in March: a1, a2, a4, a5 → 4 ÷ (31/7) = 0.903226 per week.
    expect(value(r, 'p:ann', 'throughput')).toBe(0.9);
    // Cycle: a1 5 d (startedAt), a2 4 d (history beats startedAt), a4 4 d (first in-progress 03-20 → 03-24).
    // Sorted 4 4 5: p50 = 2nd = 4, p85 = ⌈2.55⌉ = 3rd = 5.
    expect(pm(r, 'p:ann').values.cycleTimeP50).toMatchObject({ value: 4, n: 3 });
    expect(value(r, 'p:ann', 'cycleTimeP85')).toBe(5);
    // Lead: 9.5, 14.5, 23, 29 → p50 = 2nd = 14.5. Bob: 4 d 10 h = 4.4167, 5.4167 → 4.42.
    expect(value(r, 'p:ann', 'leadTimeP50')).toBe(14.5);
    expect(value(r, 'p:bob', 'leadTimeP50')).toBe(4.42);
    // WIP at asOf: a3 (in progress since 03-18); n = tasks created by asOf = 6.
    expect(pm(r, 'p:ann').values.wip).toMatchObject({ value: 1, n: 6 });
    // Moves into done in March: a2 03-15, a4 03-22, a4 03-24 = 3; out of done: a4 03-23 = 1 → 1/3.
    expect(pm(r, 'p:ann').values.reopenRate).toMatchObject({ value: 0.3333, n: 3, successes: 1 });
    expect(pm(r, 'p:bob').values.reopenRate).toMatchObject({ value: null, n: 0 }); // no history
  });

  it('computes estimation accuracy as Σ spent ÷ Σ estimate over done tasks with both', () => {
    // Spent = the task's time entries by asOf; the source's total only for a task without entries.
    // a1 entries 10+10+5 = 25 (source says 12) /10, a2 entry 8 (source 2) /4, a5 no entries → source 4 /2,
    // a4 neither → left out: (25+8+4)/(10+4+2) = 37/16 = 2.3125. Bob b1 8/4, b2 8/4 → 16/8 = 2.
    const r = run();
    expect(pm(r, 'p:ann').values.estimationAccuracy).toMatchObject({ value: 2.3125, n: 3 });
    expect(value(r, 'p:bob', 'estimationAccuracy')).toBe(2);
  });

  it('computes team figures: hours, utilization, overtime share, workload balance', () => {
    const r = run();
    // Ann's team: w1 25 h and w2 8 h on Atlas → 33 h over 4 entries.
    expect(pm(r, 'p:ann').values.hoursLogged).toMatchObject({ value: 33, n: 4 });
    // Their hours anywhere: w1 25 + w2 16 = 41; capacity (20 + 40) × 31/7 = 265.714 → 0.154301.
    expect(pm(r, 'p:ann').values.utilization).toMatchObject({ value: 0.1543, n: 2 });
    // Weeks from Monday 03-02: w1 25 h (5 over 20), w2 16 h (none over 40) → 5/41 = 0.121951.
    expect(value(r, 'p:ann', 'overtimeShare')).toBe(0.122);
    // Hours on Atlas 25 and 8: mean 16.5, σ 8.5 → 8.5/16.5 = 0.515152.
    expect(value(r, 'p:ann', 'workloadBalance')).toBe(0.5152);
    // Bob's team: w2 16 + w3 8 = 24 over 2 × 40 × 31/7 = 354.286 → 0.067742; 8 and 8 h → CV 0.
    expect(value(r, 'p:bob', 'utilization')).toBe(0.0677);
    expect(value(r, 'p:bob', 'workloadBalance')).toBe(0);
    expect(value(r, 'p:bob', 'overtimeShare')).toBe(0);
  });

  it('computes earned value per project with every derived figure, currency and health', () => {
    const atlas = run().projects.projects.find((p) => p.id === 'p:A');
    // BAC 10+4+6+5+2+8 = 35; PV (due by asOf) 10+4+6+5 = 25; EV (done) 10+4+5+2 = 21; AC 25 + 8 = 33.
    // SV −4, CV −12, SPI 0.84, CPI 21/33 = 0.636364, EAC 35/CPI = 55, ETC 55 − 33 = 22, VAC −20,
    // TCPI (35 − 21)/(35 − 33) = 7.
    expect(atlas?.evm).toMatchObject({ bac: 35, pv: 25, ev: 21, ac: 33, sv: -4, cv: -12, spi: 0.84, cpi: 0.6364, eac: 55, etc: 22, vac: -20, tcpi: 7 });
    // Currency: only a1 (assignee w1, 100/h) is costed: BAC = PV = EV = 1000; AC = 25 × 100 + 8 × 50 = 2900.
    expect(atlas?.evm.currency).toEqual({ pv: 1000, ev: 1000, ac: 2900, bac: 1000, code: 'EUR' });
    // min(SPI, CPI) = 0.6364 < 0.85 → off track.
    expect(atlas).toMatchObject({ health: 'off_track', healthReason: 'CPI 0.6364 < 0.85' });
  });

  it('rolls earned value up per portfolio and grades health with the configured thresholds', () => {
    // Portfolio X: PV 25 + 8 = 33, EV 21 + 8 = 29, AC 33 + 16 = 49 → SPI 0.878788, CPI 0.591837.
    const [x] = run({ health: { atRiskBelow: 0.9, offTrackBelow: 0.5 } }).projects.portfolios ?? [];
    expect(x).toMatchObject({ name: 'X', projects: 2, hours: 49, evm: { pv: 33, ev: 29, ac: 49, spi: 0.8788, cpi: 0.5918 } });
    // 0.5918 is below 0.9 but not below 0.5 → at risk.
    expect(x).toMatchObject({ health: 'at_risk', healthReason: 'CPI 0.5918 < 0.9' });
  });

  it('earns half an estimate at the start under the 50/50 rule', () => {
    // a3 (6 h, started 03-18, open) now earns 3: EV 21 + 3 = 24, SPI 24/25 = 0.96.
    const atlas = run({ evmRule: '50/50' }).projects.projects.find((p) => p.id === 'p:A');
    expect(atlas?.evm).toMatchObject({ ev: 24, spi: 0.96 });
  });

  it('publishes months and quarters that agree with the window where they cover the same days', () => {
    const ann = pm(run(), 'p:ann');
    expect(ann.months?.map((m) => m.period)).toEqual(['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
    expect(ann.quarters?.map((q) => q.period)).toEqual(['2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1']);
    const march = ann.months?.at(-1)?.values;
    for (const kpi of Object.keys(ann.values)) expect(march?.[kpi]?.value, kpi).toBe(ann.values[kpi]?.value);
    expect(ann.quarters?.at(-1)?.values.onTimeRate).toMatchObject({ value: 0.5, n: 4 });
    // February: nothing was due, planned or logged yet.
    expect(ann.months?.at(-2)?.values.spi).toMatchObject({ value: null });
    expect(ManagersDocSchema.parse(run().managers).managers).toHaveLength(2);
    expect(ProjectsDocSchema.parse(run().projects).portfolios).toHaveLength(1);
  });
});
