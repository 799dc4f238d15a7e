import { describe, expect, it } from 'vitest';
import { createKpiEngine, type KpiEngineInput, type KpiResults } from '../../functions/kpi/index.ts';
import { ManagersDocSchema, ProjectsDocSchema } from '../../functions/contract/documents.ts';
import { AS_OF, overrides, people, POINTS_NOT_HOURS, projects, tasks, timeEntries, WINDOW_DAYS } from '../fixtures/kpi/linear-and-jira-org.ts';

/**
 * A source without estimates in hours (Linear: points) has no cost baseline: its projects plan and
 * earn nothing, so CPI would read 0 and health "off track". With `hourEstimatesUnavailable` the
 * figures built on a baseline are null with the reason instead, for its projects, their
 * portfolio and their PM, and they stay out of company figures. Every figure below is worked out
 * by hand from test/fixtures/kpi/linear-and-jira-org.ts.
 */

function run(extra: Partial<KpiEngineInput> = {}): KpiResults {
  const engine = createKpiEngine({ asOf: AS_OF, windowDays: WINDOW_DAYS, projects, people, themes: [], overrides, ...extra });
  engine.addTasks(tasks);
  engine.addTimeEntries(timeEntries);
  return engine.finish();
}

const gap = { hourEstimatesUnavailable: { linear: POINTS_NOT_HOURS } };
const manager = (result: KpiResults, id: string) => result.managers.managers.find((m) => m.id === id)!;
const project = (result: KpiResults, name: string) => result.projects.projects.find((p) => p.name === name)!;
const portfolio = (result: KpiResults, name: string) => result.projects.portfolios!.find((p) => p.name === name)!;
const nullBaseline = { spi: null, cpi: null, sv: null, cv: null, eac: null, etc: null, vac: null, tcpi: null };

describe('a source without estimates in hours', () => {
  it('would otherwise publish CPI 0 and "off track" for the Linear project, and drag its PM down', () => {
    const result = run();
    // Lumen: BAC = PV = EV = 0, AC = 8 + 2 = 10 → CPI 0 ÷ 10 = 0.
    expect(project(result, 'Lumen').evm).toMatchObject({ bac: 0, pv: 0, ev: 0, ac: 10, cpi: 0 });
    expect(project(result, 'Lumen')).toMatchObject({ health: 'off_track', healthReason: 'CPI 0 < 0.85' });
    // Pat: EV 4 + 6 = 10 over AC 8 + 10 = 18 → 0.5556.
    expect(manager(result, 'pat@corp.com').values['cpi']).toMatchObject({ value: 0.5556 });
  });

  it('nulls the Linear project\'s baseline figures with the reason and reports no health', () => {
    const result = run(gap);
    ProjectsDocSchema.parse(result.projects);
    const lumen = project(result, 'Lumen');
    // AC stays: the timesheet's 10 h are real hours.
    expect(lumen.evm).toEqual({ bac: 0, pv: 0, ev: 0, ac: 10, ...nullBaseline });
    expect(lumen).toMatchObject({ hours: 10, health: 'not_reported', healthReason: POINTS_NOT_HOURS, hourEstimatesUnavailable: POINTS_NOT_HOURS });
    expect(lumen).not.toHaveProperty('hoursUnavailable');
  });

  it('leaves the Jira projects\' figures as they were', () => {
    const result = run(gap);
    // Jupiter: BAC = PV = EV = 4 + 6 = 10, AC 8 → SPI 1, CPI 1.25, SV 0, CV 2, EAC 10 ÷ 1.25 = 8,
    // ETC 0, VAC 2, TCPI (10 − 10) ÷ (10 − 8) = 0.
    expect(project(result, 'Jupiter').evm).toEqual({ bac: 10, pv: 10, ev: 10, ac: 8, spi: 1, cpi: 1.25, sv: 0, cv: 2, eac: 8, etc: 0, vac: 2, tcpi: 0 });
    expect(project(result, 'Jupiter')).toMatchObject({ health: 'on_track', healthReason: 'SPI 1, CPI 1.25 ≥ 0.95' });
    expect(project(result, 'Jupiter')).not.toHaveProperty('hourEstimatesUnavailable');
    // Juno: BAC = PV = EV = 8, AC 6 → CPI 1.3333, CV 2, EAC 8 ÷ (8/6) = 6, ETC 0, VAC 2, TCPI 0 ÷ 2 = 0.
    expect(project(result, 'Juno').evm).toEqual({ bac: 8, pv: 8, ev: 8, ac: 6, spi: 1, cpi: 1.3333, sv: 0, cv: 2, eac: 6, etc: 0, vac: 2, tcpi: 0 });
    expect(project(result, 'Juno').health).toBe('on_track');
  });

  it('nulls the figures of a portfolio holding the Linear project, with a note', () => {
    const result = run(gap);
    const core = portfolio(result, 'Core');
    const note = 'the estimates of 1 of its 2 projects are not in hours at their source: no cost baseline';
    // Sums over Jupiter and Lumen: BAC = PV = EV = 10, AC 8 + 10 = 18, hours in the window 18.
    expect(core).toMatchObject({ projects: 2, hours: 18, health: 'not_reported', healthReason: note, hourEstimatesUnavailable: note });
    expect(core.evm).toEqual({ bac: 10, pv: 10, ev: 10, ac: 18, ...nullBaseline });
    // Other holds Juno alone: its figures.
    expect(portfolio(result, 'Other').evm).toMatchObject({ bac: 8, ac: 6, spi: 1, cpi: 1.3333 });
    expect(portfolio(result, 'Other')).not.toHaveProperty('hourEstimatesUnavailable');
  });

  it('nulls spi, cpi and estimationAccuracy of the PM leading the Linear project, in every period', () => {
    const result = run(gap);
    ManagersDocSchema.parse(result.managers);
    const pat = manager(result, 'pat@corp.com');
    for (const id of ['spi', 'cpi', 'estimationAccuracy']) {
      expect(pat.values[id], id).toMatchObject({ value: null, n: 0, unavailable: POINTS_NOT_HOURS, percentile: null });
      for (const period of [...(pat.months ?? []), ...(pat.quarters ?? [])]) expect(period.values[id], `${id} ${period.period}`).toMatchObject({ value: null, n: 0, unavailable: POINTS_NOT_HOURS });
    }
    // Hours are there (from the timesheet): 5 + 3 + 8 + 2 = 18 h over 4 entries, no reason.
    expect(pat.values['hoursLogged']).toMatchObject({ value: 18, n: 4 });
    expect(pat.values['hoursLogged']).not.toHaveProperty('unavailable');
    // Delivery does not need estimates: J-1, J-2 and ENG-1 due in the window, all on time → 3 / 3.
    expect(pat.values['onTimeRate']).toMatchObject({ value: 1, n: 3 });
  });

  it('keeps the Jira-only PM\'s figures and leaves the other PM out of the company figures', () => {
    const result = run(gap);
    const quinn = manager(result, 'quinn@corp.com').values;
    // Juno: SPI 8 ÷ 8 = 1, CPI 8 ÷ 6 = 1.3333, estimation accuracy 6 h spent ÷ 8 h estimated = 0.75.
    expect(quinn['spi']).toMatchObject({ value: 1, n: 1 });
    expect(quinn['cpi']).toMatchObject({ value: 1.3333, n: 1 });
    expect(quinn['estimationAccuracy']).toMatchObject({ value: 0.75, n: 1 });
    for (const id of ['spi', 'cpi', 'estimationAccuracy']) expect(quinn[id], id).not.toHaveProperty('unavailable');
    // Company: Quinn alone (before, Pat's 0.5556 counted too).
    expect(result.managers.company['cpi']).toMatchObject({ mean: 1.3333, n: 1 });
    expect(run().managers.company['cpi']).toMatchObject({ n: 2 });
    expect(result.managers.company['estimationAccuracy']).toMatchObject({ mean: 0.75, n: 1 });
    expect(result.managers.companyMonths!.at(-1)!.values['spi']).toMatchObject({ mean: 1, n: 1 });
  });

  it('gives the missing baseline as the reason where hours are missing too', () => {
    const noHours = 'Linear has no time tracking and the source names no timesheet source (timesheetSource): its hours are unavailable';
    const result = run({ ...gap, hoursUnavailable: { linear: noHours } });
    const pat = manager(result, 'pat@corp.com').values;
    expect(pat['cpi']).toMatchObject({ value: null, unavailable: POINTS_NOT_HOURS });
    expect(pat['hoursLogged']).toMatchObject({ value: null, unavailable: noHours });
    expect(project(result, 'Lumen')).toMatchObject({ health: 'not_reported', healthReason: POINTS_NOT_HOURS, hoursUnavailable: noHours, hourEstimatesUnavailable: POINTS_NOT_HOURS });
    expect(project(result, 'Lumen').evm).toMatchObject(nullBaseline);
  });
});
