import { describe, expect, it } from 'vitest';
import { createKpiEngine, isKpiInputError, type KpiResults } from '../../functions/kpi/index.ts';
import { AlignmentDocSchema, ManagersDocSchema, ProjectsDocSchema } from '../../functions/contract/documents.ts';
import { AS_OF, overrides, people, projects, tasks, themes, timeEntries, WINDOW_DAYS } from '../fixtures/kpi/small-org.ts';

/**
 * Every expected figure below is worked out by hand from test/fixtures/kpi/small-org.ts.
 * Window: 2026-03-02 … 2026-03-31 (30 days ending on asOf). Ratios are published to 4 decimals, hours to 2.
 */

function run(): KpiResults {
  const engine = createKpiEngine({ asOf: AS_OF, windowDays: WINDOW_DAYS, projects, people, themes, overrides });
  // Streamed in two pages each, with one task repeated across pages (it must count once).
  engine.addTasks(tasks.slice(0, 9));
  engine.addTasks(tasks.slice(8));
  engine.addTimeEntries(timeEntries.slice(0, 5));
  engine.addTimeEntries(timeEntries.slice(5));
  return engine.finish();
}

function thrown(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const valuesOf = (result: KpiResults, name: string) => result.managers.managers.find((m) => m.name === name)?.values;

describe('createKpiEngine', () => {
  it('publishes documents that match their schemas, with the window it was given', () => {
    const result = run();
    expect(ManagersDocSchema.parse(result.managers).window).toEqual({ from: '2026-03-02', to: '2026-03-31' });
    expect(ProjectsDocSchema.parse(result.projects).asOf).toBe(AS_OF);
    expect(AlignmentDocSchema.parse(result.alignment).window).toEqual({ from: '2026-03-02', to: '2026-03-31' });
    expect(result.managers.kpis.map((kpi) => kpi.id)).toEqual(expect.arrayContaining(['onTimeRate', 'hoursLogged', 'spi', 'cpi']));
  });

  it('resolves PMs across sources by override email, alias, shared email and record id, sorted by name', () => {
    const { managers } = run().managers;
    expect(managers.map(({ id, name, projectIds }) => ({ id, name, projectIds }))).toEqual([
      // jira:ann and asana:ann (ANN@corp.com) both match the override email.
      { id: 'ann@corp.com', name: 'Ann Lee', projectIds: ['jira:P1', 'asana:P2'] },
      // asana:bob shares bob@corp.com with jira:bob, an alias of "bob".
      { id: 'bob', name: 'Bob Ray', projectIds: ['jira:P3'] },
      // jira:cy has no override: merged with asana:cy, the smaller record id, under its name.
      { id: 'asana:cy', name: 'Cy', projectIds: ['asana:P4'] },
      { id: 'jira:dana', name: 'Dana', projectIds: ['jira:P6'] },
    ]);
  });

  it('computes on-time rate over the tasks due in the window, counting open and late-done tasks as late', () => {
    const result = run();
    // Ann, Apollo: due in window t1 (03-02, on time), t2 (03-31, done 04-01), t4 (done the day after),
    // t5 (done 23:30 −05:00 on its due day: on time), t7 (open); t3 (due 03-01) is outside.
    // Borealis: u1 on time, u2 early, u3 done without a date → late. 4 on time / 8 due = 0.5.
    expect(valuesOf(result, 'Ann Lee')?.onTimeRate).toMatchObject({ value: 0.5, n: 8, smallSample: true });
    // Bob, Comet: 10 due, 8 on the day, 1 the day after, 1 open → 8 / 10 = 0.8, n = 10 is not small.
    expect(valuesOf(result, 'Bob Ray')?.onTimeRate).toMatchObject({ value: 0.8, n: 10, smallSample: false });
    // Cy, Dynamo: w1 due 03-31 (asOf) done that day; w2 has no due date, w3 is due before the window → 1 / 1.
    expect(valuesOf(result, 'Cy')?.onTimeRate).toMatchObject({ value: 1, n: 1, smallSample: true });
    // Dana leads a project with no task: no value.
    expect(valuesOf(result, 'Dana')?.onTimeRate).toMatchObject({ value: null, n: 0, smallSample: true });
  });

  it('sums hours logged in the window on the PM projects', () => {
    const result = run();
    // Ann: Apollo 5 (03-02) + 3 (03-31) + 2 (03-20) = 10, the 03-01 and 04-01 entries are outside;
    // Borealis 6 + 4 = 10 → 20 h over 5 entries.
    expect(valuesOf(result, 'Ann Lee')?.hoursLogged).toMatchObject({ value: 20, n: 5, smallSample: false });
    expect(valuesOf(result, 'Bob Ray')?.hoursLogged).toMatchObject({ value: 12, n: 2, smallSample: false }); // 8 + 4
    expect(valuesOf(result, 'Cy')?.hoursLogged).toMatchObject({ value: 5, n: 2, smallSample: false }); // 2 + 3
    expect(valuesOf(result, 'Dana')?.hoursLogged).toMatchObject({ value: 0, n: 0, smallSample: true });
  });

  it('computes earned value per project, 0/100, cumulative to asOf', () => {
    const byName = Object.fromEntries(run().projects.projects.map((p) => [p.name, p]));
    // Apollo: BAC 8+4+6+2+10+3 = 33; PV (due ≤ asOf) 8+4+6+2+3 = 23; EV (done by asOf) t1 8 + t3 6 + t4 2 = 16;
    // AC 5+4+3+2 = 14 (the 04-01 entry is after asOf). SPI 16/23 = 0.69565; CPI 16/14 = 1.142857.
    expect(byName.Apollo).toMatchObject({ pmId: 'ann@corp.com', portfolio: 'Growth', tasks: 7, doneTasks: 4, hours: 10 });
    expect(byName.Apollo?.evm).toMatchObject({ bac: 33, pv: 23, ev: 16, ac: 14, spi: 0.6957, cpi: 1.1429 });
    // Borealis: BAC = PV = 5+5+2 = 12; EV 5+5 = 10; AC 6+4 = 10. SPI 10/12 = 0.8333; CPI 1.
    expect(byName.Borealis?.evm).toMatchObject({ bac: 12, pv: 12, ev: 10, ac: 10, spi: 0.8333, cpi: 1 });
    // Comet: 10 × 1 h planned, 9 done by asOf; AC 8+4 = 12. SPI 0.9; CPI 9/12 = 0.75.
    expect(byName.Comet).toMatchObject({ tasks: 10, doneTasks: 9, hours: 12 });
    expect(byName.Comet?.evm).toMatchObject({ bac: 10, pv: 10, ev: 9, ac: 12, spi: 0.9, cpi: 0.75 });
    // Dynamo: BAC 4+6 = 10; PV 4 (w2 has no due date); EV 4+6 = 10; AC 2+3 = 5. SPI 2.5; CPI 2.
    expect(byName.Dynamo).toMatchObject({ pmId: 'asana:cy', portfolio: null, tasks: 3, doneTasks: 2 });
    expect(byName.Dynamo?.evm).toMatchObject({ bac: 10, pv: 4, ev: 10, ac: 5, spi: 2.5, cpi: 2 });
    // Eclipse: no PM, no tasks, 5 h logged → SPI undefined (PV 0), CPI 0/5 = 0.
    expect(byName.Eclipse).toMatchObject({ pmId: null, tasks: 0, hours: 5 });
    expect(byName.Eclipse?.evm).toMatchObject({ bac: 0, pv: 0, ev: 0, ac: 5, spi: null, cpi: 0 });
    expect(byName.Fjord?.evm).toMatchObject({ bac: 0, pv: 0, ev: 0, ac: 0, spi: null, cpi: null });
    expect(Object.keys(byName)).toEqual(['Apollo', 'Borealis', 'Comet', 'Dynamo', 'Eclipse', 'Fjord']);
  });

  it('rolls SPI and CPI up per PM by summing PV, EV and AC, not by averaging ratios', () => {
    const result = run();
    // Ann: PV 23+12 = 35, EV 16+10 = 26, AC 14+10 = 24 → SPI 26/35 = 0.742857, CPI 26/24 = 1.083333.
    // (Averaging the project ratios would give SPI (0.6957+0.8333)/2 = 0.7645.) n = 6 + 3 estimated tasks.
    expect(valuesOf(result, 'Ann Lee')?.spi).toMatchObject({ value: 0.7429, n: 9, smallSample: true });
    expect(valuesOf(result, 'Ann Lee')?.cpi).toMatchObject({ value: 1.0833, n: 9, smallSample: true });
    expect(valuesOf(result, 'Bob Ray')?.spi).toMatchObject({ value: 0.9, n: 10, smallSample: false });
    expect(valuesOf(result, 'Bob Ray')?.cpi).toMatchObject({ value: 0.75, n: 10, smallSample: false });
    expect(valuesOf(result, 'Cy')?.spi).toMatchObject({ value: 2.5, n: 2, smallSample: true });
    expect(valuesOf(result, 'Dana')?.cpi).toMatchObject({ value: null, n: 0, smallSample: true });
  });

  it('gives the company mean and median over the PMs that have a value', () => {
    const { company } = run().managers;
    // On time: 0.5, 0.8, 1 (Dana has none) → mean 2.3/3 = 0.766667, median 0.8.
    expect(company.onTimeRate).toMatchObject({ mean: 0.7667, median: 0.8 });
    // Hours: 20, 12, 5, 0 → mean 37/4 = 9.25, median (5+12)/2 = 8.5.
    expect(company.hoursLogged).toMatchObject({ mean: 9.25, median: 8.5 });
    // SPI: 26/35, 0.9, 2.5 → mean (26/35 + 3.4)/3 = 145/105 = 1.380952, median 0.9.
    expect(company.spi).toMatchObject({ mean: 1.381, median: 0.9 });
    // CPI: 26/24, 0.75, 2 → mean (1.083333 + 2.75)/3 = 1.277778, median 1.083333.
    expect(company.cpi).toMatchObject({ mean: 1.2778, median: 1.0833 });
  });

  it('shares the window hours among themes, first matching theme wins, for the company and per portfolio', () => {
    const { alignment } = run();
    // Growth: Apollo 5+3+2 (project tag mobile) + Borealis u1 6 (task tag) + Dynamo w1 2 (task tag MOBILE) = 18.
    // Platform: Comet 8+4 + Eclipse 5 (portfolio) + Dynamo w2 3 (project key DYN) = 20. Unaligned: Borealis u2 4.
    expect(alignment).toMatchObject({ totalHours: 42, unalignedHours: 4, unalignedShare: 0.0952 });
    expect(alignment.themes).toMatchObject([
      { id: 'growth', name: 'Growth', target: 0.5, actual: 0.4286, hours: 18 }, // 18/42
      { id: 'platform', name: 'Platform', target: 0.3, actual: 0.4762, hours: 20 }, // 20/42
    ]);
    // Gap: ½ (|18/42 − 0.5| + |20/42 − 0.3| + 4/42) = ½ (3 + 7.4 + 4)/42 = 7.2/42 = 0.171429.
    expect(alignment.gapScore).toBe(0.1714);
    const portfolios = alignment.portfolios.map(({ name, totalHours, unalignedHours, gapScore, themes: shares }) => ({
      name, totalHours, unalignedHours, gapScore, actual: shares.map((share) => share.actual),
    }));
    expect(portfolios).toEqual([
      // Growth: 16 growth, 4 unaligned of 20 → ½ (|0.8−0.5| + |0−0.3| + 0.2) = 0.4.
      { name: 'Growth', totalHours: 20, unalignedHours: 4, gapScore: 0.4, actual: [0.8, 0] },
      // Platform: 17 of 17 on platform → ½ (|0−0.5| + |1−0.3| + 0) = 0.6.
      { name: 'Platform', totalHours: 17, unalignedHours: 0, gapScore: 0.6, actual: [0, 1] },
      // Dynamo and Fjord have no portfolio: 2 growth, 3 platform → ½ (|0.4−0.5| + |0.6−0.3|) = 0.2.
      { name: '(none)', totalHours: 5, unalignedHours: 0, gapScore: 0.2, actual: [0.4, 0.6] },
    ]);
  });

  it('shares hours among themes per PM, per month, and lists the projects carrying unaligned work', () => {
    const { alignment } = run();
    // Per PM over the window: Ann = the Growth portfolio (16 growth, 4 unaligned of 20) → gap 0.4; Bob 12 h platform →
    // ½ (0.5 + 0.7) = 0.6; Cy 2 growth + 3 platform → 0.2; Dana no hours → ½ (0.5 + 0.3) = 0.4.
    expect(alignment.managers?.map(({ id, totalHours, unalignedHours, gapScore }) => [id, totalHours, unalignedHours, gapScore])).toEqual([
      ['ann@corp.com', 20, 4, 0.4], ['bob', 12, 0, 0.6], ['asana:cy', 5, 0, 0.2], ['jira:dana', 0, 0, 0.4],
    ]);
    // March as a calendar month also holds the 03-01 entry (Apollo, 4 h growth): 42 + 4 = 46, growth 18 + 4 = 22.
    expect(alignment.months?.at(-1)).toEqual({
      period: '2026-03', totalHours: 46, unalignedHours: 4,
      themes: [{ id: 'growth', hours: 22, actual: 0.4783 }, { id: 'platform', hours: 20, actual: 0.4348 }], // 22/46, 20/46
    });
    expect(alignment.months).toHaveLength(12);
    // Only Borealis u2 (4 h) matches no theme.
    expect(alignment.unalignedWork).toMatchObject([{ projectId: 'asana:P2', name: 'Borealis', pmId: 'ann@corp.com', hours: 4 }]);
  });

  it('lists identities seen as PMs or in time entries that no override vouches for', () => {
    expect(run().unmatchedIdentities).toEqual([
      { id: 'asana:cy', name: 'Cy' },
      { id: 'jira:dana', name: 'Dana' },
      { id: 'jira:dev', name: 'Dee' },
    ]);
  });

  it('gives the same output whatever order the records arrive in', () => {
    const engine = createKpiEngine({ asOf: AS_OF, windowDays: WINDOW_DAYS, projects: [...projects].reverse(), people: [...people].reverse(), themes, overrides });
    engine.addTasks([...tasks].reverse());
    engine.addTimeEntries([...timeEntries].reverse());
    expect(JSON.stringify(engine.finish())).toBe(JSON.stringify(run()));
  });

  it('defaults to a 90-day window and rejects bad input', () => {
    const engine = createKpiEngine({ asOf: AS_OF, projects: [], people: [], themes: [], overrides: [] });
    // 2026-01-01 + 89 days = 2026-03-31 (31 + 28 + 30).
    expect(engine.finish().managers.window).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    engine.addTimeEntries([]);
    expect(() => engine.addTasks([])).toThrow(/before the first status change or time entry/);
    const badAsOf = thrown(() => createKpiEngine({ asOf: '31/03/2026', projects: [], people: [], themes: [], overrides: [] }));
    expect(isKpiInputError(badAsOf) && badAsOf.field).toBe('asOf');
    const badWindow = thrown(() => createKpiEngine({ asOf: AS_OF, windowDays: 0, projects: [], people: [], themes: [], overrides: [] }));
    expect(isKpiInputError(badWindow) && badWindow.field).toBe('windowDays');
  });
});
