import { describe, expect, it } from 'vitest';
import { createKpiEngine, type KpiEngineInput, type KpiResults } from '../../functions/kpi/index.ts';
import { ManagersDocSchema, ProjectsDocSchema } from '../../functions/contract/documents.ts';
import { AS_OF, NO_TIME_TRACKING, overrides, people, projects, tasks, timeEntries, WINDOW_DAYS } from '../fixtures/kpi/two-sources-org.ts';

/**
 * A source that cannot give hours (an Asana plan without time tracking): the KPIs built on hours
 * are null with the reason for its PMs and projects, never 0, and stay out of company figures.
 * Figures worked out by hand from test/fixtures/kpi/two-sources-org.ts.
 */

function run(extra: Partial<KpiEngineInput> = {}): KpiResults {
  const engine = createKpiEngine({ asOf: AS_OF, windowDays: WINDOW_DAYS, projects, people, themes: [], overrides, ...extra });
  engine.addTasks(tasks);
  engine.addTimeEntries(timeEntries);
  return engine.finish();
}

const manager = (result: KpiResults, id: string) => result.managers.managers.find((m) => m.id === id)!;
const project = (result: KpiResults, name: string) => result.projects.projects.find((p) => p.name === name)!;

describe('hours unavailable at a source', () => {
  it('would otherwise read the Asana PM as 0 h logged, with no reason given', () => {
    const result = run();
    expect(manager(result, 'al@corp.com').values['hoursLogged']).toMatchObject({ value: 0, n: 0 });
    expect(manager(result, 'al@corp.com').values['hoursLogged']).not.toHaveProperty('unavailable');
  });

  it('makes every hours KPI of the Asana PM null with the reason, and leaves the rest', () => {
    const result = run({ hoursUnavailable: { asana: NO_TIME_TRACKING } });
    ManagersDocSchema.parse(result.managers);
    const al = manager(result, 'al@corp.com').values;
    for (const id of ['hoursLogged', 'estimationAccuracy', 'cpi', 'utilization', 'overtimeShare', 'workloadBalance', 'throughputPerPersonWeek', 'wipPerPerson']) {
      expect(al[id], id).toMatchObject({ value: null, n: 0, unavailable: NO_TIME_TRACKING });
    }
    // Delivery does not need hours: a1 and a2 done on time, 2 / 2.
    expect(al['onTimeRate']).toMatchObject({ value: 1, n: 2 });
    expect(al['onTimeRate']).not.toHaveProperty('unavailable');
    // Every month and quarter says the same.
    for (const period of [...(manager(result, 'al@corp.com').months ?? []), ...(manager(result, 'al@corp.com').quarters ?? [])]) {
      expect(period.values['hoursLogged']).toMatchObject({ value: null, unavailable: NO_TIME_TRACKING });
    }
    // Jo keeps hers: 2 + 1 + 1.5 + 0.5 = 5 h over 4 entries; 5 h spent ÷ 8 h estimated = 0.625.
    const jo = manager(result, 'jo@corp.com').values;
    expect(jo['hoursLogged']).toMatchObject({ value: 5, n: 4 });
    expect(jo['estimationAccuracy']).toMatchObject({ value: 0.625 });
    expect(jo['hoursLogged']).not.toHaveProperty('unavailable');
  });

  it('makes utilization and overtime unknown for a Jira PM whose team member also has Asana work', () => {
    // Vic logs 1.5 h on Jupiter and is assigned Asana's a2: his week is partly unseen.
    const jo = manager(run({ hoursUnavailable: { asana: NO_TIME_TRACKING } }), 'jo@corp.com').values;
    for (const id of ['utilization', 'overtimeShare']) {
      expect(jo[id], id).toMatchObject({ value: null, n: 0, unavailable: `a team member also has work where hours are unavailable (${NO_TIME_TRACKING})` });
    }
    // The PM's own projects' hours are complete: workload balance and throughput per person-week stay.
    expect(jo['workloadBalance']?.value).not.toBeNull();
    expect(jo['workloadBalance']).not.toHaveProperty('unavailable');
    // With hours everywhere, utilization is a number: 5 h ÷ (4 people × 40 h × 30 / 7) = 0.0073.
    expect(manager(run(), 'jo@corp.com').values['utilization']).toMatchObject({ value: 0.0073 });
  });

  it('leaves the Asana PM out of the company figures built on hours', () => {
    const without = run().managers.company['hoursLogged'];
    const withGap = run({ hoursUnavailable: { asana: NO_TIME_TRACKING } }).managers.company['hoursLogged'];
    // Before: Jo 5 h and Al 0 h → mean 2.5 h over 2 PMs; now Jo alone.
    expect(without).toMatchObject({ mean: 2.5, n: 2 });
    expect(withGap).toMatchObject({ mean: 5, n: 1 });
  });

  it('marks the project and its portfolio, and nulls the earned-value figures built on actual cost', () => {
    const result = run({ hoursUnavailable: { asana: NO_TIME_TRACKING } });
    ProjectsDocSchema.parse(result.projects);
    const atlas = project(result, 'Atlas');
    expect(atlas.hoursUnavailable).toBe(NO_TIME_TRACKING);
    // BAC = PV = EV = 8 h: SPI 1 stays; AC is unknown, so CPI, CV, EAC, ETC, VAC and TCPI are null.
    expect(atlas.evm).toMatchObject({ bac: 8, pv: 8, ev: 8, spi: 1, cpi: null, cv: null, eac: null, etc: null, vac: null, tcpi: null });
    expect(atlas.health).toBe('on_track');
    expect(project(result, 'Jupiter')).not.toHaveProperty('hoursUnavailable');
    // Jupiter: EV 8 ÷ AC 5 = 1.6.
    expect(project(result, 'Jupiter').evm.cpi).toBe(1.6);
    const core = result.projects.portfolios?.find((p) => p.name === 'Core');
    expect(core?.hoursUnavailable).toBe('the hours of 1 of its 2 projects are unavailable at their source');
    expect(core?.evm.cpi).toBeNull();
  });
});
