import { describe, expect, it } from 'vitest';
import type { Project, Task } from '../../functions/domain/index.ts';
import { createForecastEngine } from '../../functions/forecast/index.ts';
import type { Forecast, ForecastsDoc } from '../../functions/contract/forecasts-document.ts';
import { seededRandom } from '../../functions/runtime/random.ts';
import { ASOF, daysAfterAsOf, history, open, project } from './org.ts';

const QUANTILES = ['p50', 'p85', 'p95'] as const;

/** A random organisation: a few portfolios and PMs, projects with random flow, open work and due dates. */
function randomOrganisation(seed: number): { projects: Project[]; tasks: Task[] } {
  const random = seededRandom(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const projects: Project[] = [];
  const tasks: Task[] = [];
  const count = 4 + pick(10);
  for (let i = 0; i < count; i++) {
    const id = `o${seed}-p${i}`;
    projects.push(project(id, `pm${pick(4)}`, `Portfolio ${pick(3)}`));
    // About one in five projects has a thin history (0 to 4 done), the others up to 3 a week.
    const thin = random() < 0.2;
    const weeks = Array.from({ length: 12 }, () => (thin ? (random() < 0.3 ? 1 : 0) : pick(4)));
    const due = random() < 0.25 ? undefined : daysAfterAsOf(pick(140) - 14);
    tasks.push(...history(id, weeks), ...open(id, pick(4) === 0 ? 0 : 1 + pick(30), due));
  }
  return { projects, tasks };
}

function forecast(projects: Project[], tasks: Task[], trials: number): ForecastsDoc {
  const engine = createForecastEngine({ asOf: ASOF, projects, settings: { trials } });
  engine.addTasks(tasks);
  return engine.finish();
}

/** Each roll-up with the forecasts of its own projects. */
function rollupsWithProjects(doc: ForecastsDoc): { rollup: Forecast; members: Forecast[] }[] {
  const byPm = (r: Forecast) => doc.projects.filter((p) => p.pmId === r.id);
  const byPortfolio = (r: Forecast) => doc.projects.filter((p) => (p.portfolio ?? '(none)') === r.id);
  return [...doc.managers.map((rollup) => ({ rollup, members: byPm(rollup) })), ...doc.portfolios.map((rollup) => ({ rollup, members: byPortfolio(rollup) }))];
}

describe('forecast roll-ups (portfolios and PMs)', () => {
  it('never finish before any of their projects, nor meet due more often than any of them', () => {
    let checkedDates = 0;
    let checkedChances = 0;
    for (let seed = 1; seed <= 25; seed++) {
      const { projects, tasks } = randomOrganisation(seed);
      const doc = forecast(projects, tasks, 2_000);
      for (const { rollup, members } of rollupsWithProjects(doc)) {
        const where = `org ${seed}, ${rollup.id}`;
        expect(members.length, where).toBeGreaterThan(0);
        const forecastable = members.filter((p) => p.status === 'ok');
        // A roll-up with a forecastable project has a forecast itself (no dodging the property).
        if (forecastable.length > 0) expect(rollup.status, where).toBe('ok');
        for (const member of forecastable) {
          for (const q of QUANTILES) {
            // null = beyond the 520-week horizon, i.e. later than any date.
            if (member[q] === null) expect(rollup[q], `${where} ${q} vs ${member.id}`).toBeNull();
            else if (rollup[q] !== null) expect(rollup[q]! >= member[q]!, `${where} ${q} ${rollup[q]} vs ${member.id} ${member[q]}`).toBe(true);
            checkedDates++;
          }
        }
        for (const member of members.filter((p) => p.status !== 'insufficient_history' && p.probabilityByDue !== null)) {
          expect(rollup.probabilityByDue, `${where} chance vs ${member.id}`).not.toBeNull();
          expect(rollup.probabilityByDue!, `${where} chance vs ${member.id}`).toBeLessThanOrEqual(member.probabilityByDue!);
          checkedChances++;
        }
        // Projects left out of the roll-up are named in it.
        const unforecastable = members.filter((p) => p.status === 'insufficient_history').map((p) => p.id).sort();
        expect((rollup.excluded ?? []).map((p) => p.id).sort(), where).toEqual(unforecastable);
      }
    }
    // The generator must actually exercise the property.
    expect(checkedDates).toBeGreaterThan(300);
    expect(checkedChances).toBeGreaterThan(100);
  });

  it('finishes a portfolio when its last project finishes (2 weeks and 5 weeks → 5 weeks)', () => {
    // One item done in each of the last 12 weeks in both projects: every trial draws 1 a week,
    // so "a" (2 open) needs exactly 2 weeks and "b" (5 open) exactly 5. The portfolio and the PM
    // finish with "b": asOf + 35 days = 2026-08-04 at every confidence (pooling the flow instead
    // would say 7 items at 2 a week = 4 weeks, before "b" finishes).
    const projects = [project('a', 'pm1', 'Growth'), project('b', 'pm1', 'Growth')];
    const ones = new Array(12).fill(1);
    const doc = forecast(projects, [...history('a', ones), ...history('b', ones), ...open('a', 2), ...open('b', 5)], 1_000);
    expect(doc.projects.map((p) => p.p95)).toEqual([daysAfterAsOf(14), daysAfterAsOf(35)]);
    for (const rollup of [doc.portfolios[0]!, doc.managers[0]!]) {
      expect(rollup).toMatchObject({ status: 'ok', remaining: 7, p50: '2026-08-04', p85: '2026-08-04', p95: '2026-08-04' });
      expect(rollup.distribution).toEqual([1, 2, 3, 4, 5].map((w) => ({ date: daysAfterAsOf(7 * w), cumulative: w === 5 ? 1 : 0 })));
    }
  });

  it('gives the chance that every project meets its own due date (product for independent projects)', () => {
    // "a": 1 open item, done 1 in 6 of 12 weeks → a week finishes it with p = 1/2. Due in 7 days
    // (one whole week): P(a meets) = 1/2.
    // "b": 1 open item, done 1 in 9 of 12 weeks → p = 3/4 a week. Due in 14 days (two weeks):
    // P(b meets) = 1 − (1/4)² = 15/16 = 0.9375.
    // Each project draws from its own seeded stream, so they are independent:
    // P(both meet) = 1/2 × 15/16 = 0.46875.
    // Tolerance: with 100,000 trials the standard error of a share near 0.47 is
    // √(0.47 × 0.53 / 100,000) ≈ 0.0016, so ±0.01 is about six standard errors.
    const projects = [project('a', 'pm1', 'Growth'), project('b', 'pm1', 'Growth')];
    const tasks = [
      ...history('a', [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0]),
      ...history('b', [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0]),
      ...open('a', 1, daysAfterAsOf(7)),
      ...open('b', 1, daysAfterAsOf(14)),
    ];
    const doc = forecast(projects, tasks, 100_000);
    const [a, b] = doc.projects;
    expect(Math.abs(a!.probabilityByDue! - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(b!.probabilityByDue! - 0.9375)).toBeLessThan(0.01);
    for (const rollup of [doc.portfolios[0]!, doc.managers[0]!]) {
      expect(rollup.dueOn).toBe(daysAfterAsOf(14));
      expect(Math.abs(rollup.probabilityByDue! - 0.46875)).toBeLessThan(0.01);
    }
  });

  it('names the projects it cannot forecast and leaves them out, or has no forecast when none can be', () => {
    // "thin" has 2 done in 12 weeks (5 needed); "steady" 1 a week with 3 open → 3 weeks.
    const projects = [project('steady', 'pm1', 'Growth'), project('thin', 'pm1', 'Growth'), project('lone', 'pm2', 'Ops'), project('over', 'pm2', 'Ops')];
    const ones = new Array(12).fill(1);
    const doc = forecast(projects, [
      ...history('steady', ones), ...open('steady', 3),
      ...history('thin', [1, 1]), ...open('thin', 4),
      ...history('lone', [1]), ...open('lone', 2),
      ...history('over', ones),
    ], 1_000);
    const growth = doc.portfolios.find((p) => p.id === 'Growth')!;
    expect(growth).toMatchObject({ status: 'ok', remaining: 7, p50: daysAfterAsOf(21), p95: daysAfterAsOf(21), excluded: [{ id: 'thin', name: 'Project thin' }] });
    expect(growth.reason).toBe('leaves out 1 project that cannot be forecast: Project thin');
    const ops = doc.portfolios.find((p) => p.id === 'Ops')!;
    expect(ops).toMatchObject({ status: 'insufficient_history', p50: null, probabilityByDue: null, excluded: [{ id: 'lone' }] });
    expect(ops.reason).toBe('no project with open work can be forecast: Project lone');
  });

  it('is reproducible: the same seed gives the same roll-ups', () => {
    const { projects, tasks } = randomOrganisation(99);
    expect(forecast(projects, tasks, 500)).toEqual(forecast(projects, tasks, 500));
  });
});
