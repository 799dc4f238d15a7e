import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../functions/config/schema.ts';
import type { KpiConfig } from '../../functions/config/schema.ts';
import type { Person, Project, Task } from '../../functions/domain/records.ts';
import { createKpiEngine, type KpiResults } from '../../functions/kpi/index.ts';
import { planOf } from '../../functions/kpi/engine/baseline.ts';
import { dayNumber } from '../../functions/kpi/engine/calendar.ts';
import { dayReader } from '../../functions/kpi/engine/zone-day.ts';

/**
 * What was promised, worked out by hand. Ann leads Atlas; as of 2026-03-31, window = March.
 * t1 promised 03-10 (6 h), moved on 03-08 to 03-20 (10 h), done 03-18: slip 0 now, 8 against the baseline.
 * t2 due 03-15 all along (4 h), done 03-17: slip 2 either way.
 * t3 dated 03-05 a while after creation (not a re-plan), moved on 03-04 to 04-10 (8 h), open: 26 days
 *    behind its baseline, not yet due now.
 * t4 due 03-12 as of the as-of date (2 h): moved to 03-25 only on 04-02, after it, so not re-planned
 *    yet; open: 19 days behind the baseline, 6 behind the date the source holds now.
 * t5 done without a completion date (undated, so open); t7 from another source, dated by it.
 */
const AS_OF = '2026-03-31';
const split = (id: string) => ({ id, source: id.split(':')[0] ?? '', sourceId: id.split(':')[1] ?? '' });
const people: Person[] = [{ ...split('p:ann'), name: 'Ann' }];
const projects: Project[] = [{ ...split('p:A'), name: 'Atlas', pmId: 'p:ann', tags: [] }];
const task = (id: string, spec: Partial<Task>): Task => ({
  ...split(id), projectId: 'p:A', title: id, status: spec.doneAt ? 'done' : 'in_progress', originalStatus: 'x',
  createdAt: '2026-02-10T09:00:00Z', updatedAt: '2026-03-31T09:00:00Z', tags: [], ...spec,
});
const tasks: Task[] = [
  task('p:t1', {
    dueOn: '2026-03-20', doneAt: '2026-03-18T15:00:00Z', doneFrom: 'changelog', estimateHours: 10,
    dueChanges: [{ at: '2026-03-08T10:00:00Z', from: '2026-03-10', to: '2026-03-20' }],
    estimateChanges: [{ at: '2026-03-08T10:00:00Z', fromHours: 6, toHours: 10 }],
  }),
  task('p:t2', { dueOn: '2026-03-15', doneAt: '2026-03-17T11:00:00Z', doneFrom: 'resolution', estimateHours: 4 }),
  task('p:t3', {
    dueOn: '2026-04-10', estimateHours: 8,
    dueChanges: [{ at: '2026-02-20T10:00:00Z', to: '2026-03-05' }, { at: '2026-03-04T10:00:00Z', from: '2026-03-05', to: '2026-04-10' }],
  }),
  task('p:t4', { dueOn: '2026-03-25', estimateHours: 2, dueChanges: [{ at: '2026-04-02T10:00:00Z', from: '2026-03-12', to: '2026-03-25' }] }),
  task('p:t5', { status: 'done' }),
  { ...task('q:t7', { doneAt: '2026-03-02T10:00:00Z' }) },
];

function run(settings?: KpiConfig): KpiResults {
  const engine = createKpiEngine({ asOf: AS_OF, windowDays: 31, ...(settings ? { settings } : {}), projects, people, themes: [], overrides: [] });
  engine.addTasks(tasks);
  engine.addTimeEntries([]);
  return engine.finish();
}

describe('what was promised', () => {
  it('reads the baseline as the first value set and counts later moves, as of the as-of day', () => {
    const dayOf = dayReader().dayOf;
    const asOf = dayNumber(AS_OF);
    expect(planOf(tasks[0]!, asOf, dayOf)).toEqual({ baselineDueOn: '2026-03-10', dueMoves: 1, baselineEstimateHours: 6 });
    expect(planOf(tasks[1]!, asOf, dayOf)).toEqual({ baselineDueOn: '2026-03-15', dueMoves: 0, baselineEstimateHours: 4 });
    expect(planOf(tasks[2]!, asOf, dayOf)).toEqual({ baselineDueOn: '2026-03-05', dueMoves: 1, baselineEstimateHours: 8 });
    expect(planOf(tasks[3]!, asOf, dayOf)).toEqual({ baselineDueOn: '2026-03-12', dueMoves: 0, baselineEstimateHours: 2 });
    // Moved away and back is two moves; clearing the date is a move too.
    const there = task('p:x', { dueOn: '2026-03-10', dueChanges: [{ at: '2026-03-01T10:00:00Z', from: '2026-03-10', to: '2026-03-12' }, { at: '2026-03-02T10:00:00Z', from: '2026-03-12', to: '2026-03-10' }] });
    expect(planOf(there, asOf, dayOf).dueMoves).toBe(2);
    const cleared = task('p:y', { dueChanges: [{ at: '2026-03-01T10:00:00Z', from: '2026-03-10' }] });
    expect(planOf(cleared, asOf, dayOf)).toMatchObject({ baselineDueOn: '2026-03-10', dueMoves: 1 });
  });

  it('publishes slip against the baseline beside slip against the current date, and the re-plan count and share', () => {
    const ann = run().managers.managers[0]!;
    // Current: t1 0, t2 2, t4 6 (due 03-25 as the source holds it) → 8 / 3.
    expect(ann.values['slipDaysMean']).toMatchObject({ value: 2.67, n: 3 });
    // Baseline: t1 8, t2 2, t3 26, t4 19 → 55 / 4.
    expect(ann.values['slipDaysMeanBaseline']).toMatchObject({ value: 13.75, n: 4 });
    expect(ann.values['replannedTasks']).toMatchObject({ value: 2, n: 4 });
    expect(ann.values['replanShare']).toMatchObject({ value: 0.5, n: 4 });
    const march = ann.months!.find((month) => month.period === '2026-03')!;
    expect(march.values['replanShare']).toMatchObject({ value: 0.5, n: 4 });
  });

  it('publishes the same per project', () => {
    expect(run().projects.projects[0]!.plan).toEqual({ dueTasks: 3, slipDaysMean: 2.67, baselineDueTasks: 4, slipDaysMeanBaseline: 13.75, replanned: 2, replanShare: 0.5 });
  });

  it('plans earned value with the baseline when kpi.pvBasis is baseline', () => {
    // Current: PV = 10 + 4 + 2 (due by asOf), EV = 10 + 4 → SPI 0.875; BAC 24.
    const current = run().projects.projects[0]!.evm;
    expect(current).toMatchObject({ bac: 24, pv: 16, ev: 14, spi: 0.875 });
    // Baseline: PV = 6 + 4 + 8 + 2 (baseline due by asOf, baseline hours), EV = 6 + 4 → SPI 0.5; BAC 20.
    const baseline = run({ pvBasis: 'baseline' });
    expect(baseline.projects.projects[0]!.evm).toMatchObject({ bac: 20, pv: 20, ev: 10, spi: 0.5 });
    expect(baseline.managers.managers[0]!.values['spi']).toMatchObject({ value: 0.5 });
    expect(run().managers.managers[0]!.values['spi']).toMatchObject({ value: 0.875 });
  });

  it('counts which rule dated each done task, per source', () => {
    expect(run().doneDating).toEqual([
      { source: 'p', done: 3, resolution: 1, changelog: 1, statusCategoryChange: 0, sourceTime: 0, undated: 1 },
      { source: 'q', done: 1, resolution: 0, changelog: 0, statusCategoryChange: 0, sourceTime: 1, undated: 0 },
    ]);
  });

  it('takes kpi.pvBasis current or baseline, and names the key otherwise', () => {
    expect(ConfigSchema.parse({ kpi: { pvBasis: 'baseline' } }).kpi?.pvBasis).toBe('baseline');
    const bad = ConfigSchema.safeParse({ kpi: { pvBasis: 'planned' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['kpi', 'pvBasis']);
  });
});
