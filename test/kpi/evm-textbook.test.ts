import { describe, expect, it } from 'vitest';
import type { PersonOverride } from '../../functions/config/schema.ts';
import type { Person, Project, Task, TimeEntry } from '../../functions/domain/records.ts';
import { createKpiEngine, type KpiEngineInput } from '../../functions/kpi/index.ts';

/**
 * Earned value checked against a worked example whose answers are published, not computed here.
 *
 * Source: Rita Mulcahy, "PMP Exam Prep", Cost Management chapter, exercise "The Fence #1"
 * (p. 210 of the edition cited by the handout below). Reproduced with its answer table in
 * "Earned Value Exercise", https://studylib.net/doc/5898152/earned-value-exercise
 *
 * The exercise: a fence has four sides, built one after the other, one day and $1,000 each.
 * Today is the end of day three. Side 1 is complete and cost $1,000; side 2 is complete and cost
 * $1,200; side 3 is 50% done and has cost $600; side 4 has not started.
 *
 * Published answers, exactly as printed (the source gives no TCPI):
 *   PV 3,000   EV 2,500   AC 2,800   BAC 4,000
 *   CV -300    CPI .893   SV -500    SPI .833
 *   EAC = 4,000 / .893 = 4,479   ETC = 4,479 - 2,800 = 1,679   VAC = 4,000 - 4,479 = -479
 *
 * Unit mapping: pmpulse computes earned value in hours, so the first case reads each dollar of
 * the example as one hour (a side is a 1,000-hour task). The second case runs the currency path
 * instead: every side is a 10-hour task done by a person at 100 USD/h, so the currency figures
 * equal the published dollars and the hour figures are the published ones ÷ 100.
 *
 * Percent complete: the book earns side 3 at 50%; pmpulse's default rule is 0/100 (a task earns
 * its estimate when done). Side 3 is therefore two tasks of half its budget each, the first done,
 * the second open, both due on day three: the 0/100 EV then equals the published 2,500.
 *
 * Rounding: the book divides BAC by the CPI it rounded to .893, which gives 4,479.28 → 4,479.
 * pmpulse divides by the unrounded CPI (2,500 / 2,800), which gives exactly 4,480, so EAC, ETC
 * and VAC are one unit away from the printed figures. The test checks both: the published figures
 * follow from the published CPI, and pmpulse's EAC lies within the range the printed CPI allows
 * (.8925 ≤ CPI < .8935 → 4,476.8 < EAC ≤ 4,481.8).
 */

const AS_OF = '2026-03-04'; // end of day three: day 1 is 2026-03-02, day 4 is 2026-03-05

const PUBLISHED = {
  pv: 3000, ev: 2500, ac: 2800, bac: 4000,
  cv: -300, cpi: 0.893, sv: -500, spi: 0.833,
  eac: 4479, etc: 1679, vac: -479,
} as const;

const person = (id: string): Person => ({ id, source: 'jira', sourceId: id.slice(5), name: id.slice(5) });

const project: Project = { id: 'jira:FENCE', source: 'jira', sourceId: 'FENCE', name: 'Fence', pmId: 'jira:pm', tags: [] };

/** One side of the fence (or half of one): `hours` of estimate, due on its finish day, done or not. */
function side(id: string, hours: number, dueOn: string, doneOn: string | undefined, assigneeId: string): Task {
  return {
    id: `jira:${id}`, source: 'jira', sourceId: id, projectId: project.id, title: id,
    status: doneOn ? 'done' : 'todo', originalStatus: doneOn ? 'Done' : 'To Do',
    assigneeId, createdAt: '2026-03-01T09:00:00Z', updatedAt: '2026-03-04T18:00:00Z', tags: [],
    dueOn, estimateHours: hours, ...(doneOn ? { doneAt: `${doneOn}T17:00:00Z` } : {}),
  };
}

function logged(id: string, taskId: string, date: string, hours: number, personId: string): TimeEntry {
  return { id: `sheet:${id}`, source: 'sheet', sourceId: id, projectId: project.id, taskId: `jira:${taskId}`, personId, date, hours };
}

/** The fence at the end of day three, with `unit` hours of estimate per published dollar. */
function fence(unit: number, overrides: PersonOverride[], settings: KpiEngineInput['settings']) {
  const builder = 'jira:builder';
  const engine = createKpiEngine({ asOf: AS_OF, windowDays: 7, settings, projects: [project], people: [person('jira:pm'), person(builder)], themes: [], overrides });
  engine.addTasks([
    side('side1', 1000 * unit, '2026-03-02', '2026-03-02', builder),
    side('side2', 1000 * unit, '2026-03-03', '2026-03-03', builder),
    side('side3a', 500 * unit, '2026-03-04', '2026-03-04', builder), // the half of side 3 that is built
    side('side3b', 500 * unit, '2026-03-04', undefined, builder), // the half still to build
    side('side4', 1000 * unit, '2026-03-05', undefined, builder), // due after the as-of date: not planned yet
  ]);
  engine.addTimeEntries([
    logged('e1', 'side1', '2026-03-02', 1000 * unit, builder),
    logged('e2', 'side2', '2026-03-03', 1200 * unit, builder),
    logged('e3', 'side3a', '2026-03-04', 600 * unit, builder),
  ]);
  const evm = engine.finish().projects.projects.find((p) => p.id === project.id)?.evm;
  if (!evm) throw new Error('the fence project is missing from the projects report');
  return evm;
}

describe('earned value against a published worked example (Mulcahy, "The Fence #1")', () => {
  it('reproduces the published figures, one dollar read as one hour', () => {
    const evm = fence(1, [], undefined);
    expect({ bac: evm.bac, pv: evm.pv, ev: evm.ev, ac: evm.ac }).toEqual({ bac: PUBLISHED.bac, pv: PUBLISHED.pv, ev: PUBLISHED.ev, ac: PUBLISHED.ac });
    expect(evm.cv).toBe(PUBLISHED.cv);
    expect(evm.sv).toBe(PUBLISHED.sv);
    // Printed to three decimals: .893 and .833.
    expect(evm.cpi).toBeCloseTo(PUBLISHED.cpi, 3);
    expect(evm.spi).toBeCloseTo(PUBLISHED.spi, 3);
    expect(evm.currency).toBeUndefined(); // no rate configured
  });

  it('forecasts EAC, ETC and VAC as published, up to the book rounding CPI before dividing', () => {
    // The published forecasts follow from the published (rounded) CPI ...
    expect(Math.round(PUBLISHED.bac / PUBLISHED.cpi)).toBe(PUBLISHED.eac);
    expect(PUBLISHED.eac - PUBLISHED.ac).toBe(PUBLISHED.etc);
    expect(PUBLISHED.bac - PUBLISHED.eac).toBe(PUBLISHED.vac);

    // ... pmpulse uses the unrounded CPI: EAC = 4,000 × 2,800 / 2,500 = 4,480 exactly.
    const evm = fence(1, [], undefined);
    const eac = evm.eac ?? Number.NaN;
    expect(eac).toBeGreaterThan(PUBLISHED.bac / 0.8935);
    expect(eac).toBeLessThanOrEqual(PUBLISHED.bac / 0.8925);
    expect(Math.abs(eac - PUBLISHED.eac)).toBeLessThanOrEqual(1);
    expect(Math.abs((evm.etc ?? Number.NaN) - PUBLISHED.etc)).toBeLessThanOrEqual(1);
    expect(Math.abs((evm.vac ?? Number.NaN) - PUBLISHED.vac)).toBeLessThanOrEqual(1);
    expect({ eac: evm.eac, etc: evm.etc, vac: evm.vac }).toEqual({ eac: 4480, etc: 1680, vac: -480 });

    // Not in the source: TCPI = (BAC − EV) / (BAC − AC) = 1,500 / 1,200 = 1.25, worked out by hand.
    expect(evm.tcpi).toBe(1.25);
  });

  it('gives the published dollars in currency when the builder costs 100 USD an hour', () => {
    const rated: PersonOverride[] = [{ id: 'builder', name: 'Builder', aliases: ['jira:builder'], rate: 100 }];
    const evm = fence(1 / 100, rated, { currency: 'USD' });
    // Currency: the published figures themselves.
    expect(evm.currency).toEqual({ bac: PUBLISHED.bac, pv: PUBLISHED.pv, ev: PUBLISHED.ev, ac: PUBLISHED.ac, code: 'USD' });
    // Hours: the published figures ÷ 100; the indices do not depend on the unit.
    expect({ bac: evm.bac, pv: evm.pv, ev: evm.ev, ac: evm.ac, cv: evm.cv, sv: evm.sv }).toEqual({ bac: 40, pv: 30, ev: 25, ac: 28, cv: -3, sv: -5 });
    expect(evm.cpi).toBeCloseTo(PUBLISHED.cpi, 3);
    expect(evm.spi).toBeCloseTo(PUBLISHED.spi, 3);
    expect(evm.eac).toBe(44.8); // 4,480 / 100; the book's 4,479 comes from its rounded CPI (see above)
  });
});
