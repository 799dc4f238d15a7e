import { describe, expect, it } from 'vitest';
import { createKpiEngine, type KpiResults } from '../../functions/kpi/index.ts';
import { randomOrg, type RandomOrg } from './reference/random-org.ts';
import { withRandomPlans } from './reference/random-plans.ts';
import { simpleWindowKpis } from './reference/simple-kpis.ts';

/**
 * The engine against a second, deliberately simple implementation of the catalogue's rules
 * (reference/simple-kpis.ts) on random organisations, in the default day rule and in three zones.
 * Published figures are rounded (ratios to 4 decimals, days and hours to 2), hence the tolerances.
 */
const AS_OF = '2026-03-31';
const WINDOW_DAYS = 45;
const KPIS = ['onTimeRate', 'slipDaysMean', 'overdueOpen', 'throughput', 'cycleTimeP50', 'leadTimeP50', 'reopenRate', 'hoursLogged', 'estimationAccuracy', 'spi', 'cpi', 'slipDaysMeanBaseline', 'replanShare'];

function engineRun(org: RandomOrg, timeZone: string | undefined, pvBasis: 'current' | 'baseline' = 'current'): KpiResults {
  const engine = createKpiEngine({
    asOf: AS_OF, windowDays: WINDOW_DAYS, settings: { pvBasis, ...(timeZone ? { timeZone } : {}) },
    projects: org.projects, people: org.people, themes: [], overrides: [],
  });
  engine.addTasks(org.tasks);
  engine.addStatusChanges(org.statusChanges);
  engine.addTimeEntries(org.timeEntries);
  return engine.finish();
}

describe('the engine agrees with a simple implementation of the catalogue', () => {
  for (const [seed, timeZone] of [[1, undefined], [2, 'America/New_York'], [3, 'Asia/Kolkata'], [4, 'Pacific/Auckland']] as const) {
    it(`on a random organisation (seed ${seed}), days ${timeZone ? `in ${timeZone}` : 'as the source wrote them'}`, () => {
      const plain = randomOrg(seed, AS_OF);
      const org = { ...plain, tasks: withRandomPlans(plain.tasks, seed, AS_OF) };
      const result = engineRun(org, timeZone);
      const baseline = engineRun(org, timeZone, 'baseline');
      const expected = simpleWindowKpis({ asOf: AS_OF, windowDays: WINDOW_DAYS, ...(timeZone ? { timeZone } : {}), ...org });
      expect(result.managers.managers).toHaveLength(expected.size);
      // The plan histories matter: re-plans are found, and the baseline moves slip and SPI for some PM.
      const values = (kpi: string, from = result) => from.managers.managers.map((manager) => manager.values[kpi]?.value ?? null);
      expect(values('replanShare').some((share) => (share ?? 0) > 0)).toBe(true);
      expect(values('slipDaysMeanBaseline')).not.toEqual(values('slipDaysMean'));
      expect(values('spi', baseline)).not.toEqual(values('spi'));
      for (const manager of result.managers.managers) {
        const figures = expected.get(manager.id);
        expect(figures, manager.id).toBeDefined();
        for (const kpi of KPIS) {
          const published = manager.values[kpi]?.value ?? null;
          const simple = figures![kpi] ?? null;
          if (simple === null) {
            expect(published, `${manager.id} ${kpi}`).toBeNull();
            continue;
          }
          expect(published, `${manager.id} ${kpi}`).not.toBeNull();
          expect(Math.abs((published as number) - simple), `${manager.id} ${kpi}: engine ${published}, simple ${simple}`).toBeLessThanOrEqual(0.0051);
        }
        // Earned value planned with the baseline (kpi.pvBasis: baseline).
        const spi = baseline.managers.managers.find((other) => other.id === manager.id)?.values['spi']?.value ?? null;
        if (figures!['spiBaseline'] === null) expect(spi).toBeNull();
        else expect(Math.abs((spi as number) - figures!['spiBaseline']!), `${manager.id} spi on the baseline`).toBeLessThanOrEqual(0.0051);
      }
    });
  }
});
