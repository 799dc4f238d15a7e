import { describe, expect, it } from 'vitest';
import { buildPortfoliosDoc, createKpiEngine, NO_PORTFOLIO, type KpiResults } from '../../functions/kpi/index.ts';
import { PortfoliosDocSchema, type ProjectsDoc } from '../../functions/contract/documents.ts';
import * as flowOrg from '../fixtures/kpi/flow-org.ts';
import * as smallOrg from '../fixtures/kpi/small-org.ts';

/** portfolios.json against projects.json on the two KPI fixtures: the same figures, valid on its own. */

function flow(): KpiResults {
  const engine = createKpiEngine({ asOf: flowOrg.AS_OF, windowDays: flowOrg.WINDOW_DAYS, projects: flowOrg.projects, people: flowOrg.people, themes: [], overrides: flowOrg.overrides });
  engine.addTasks(flowOrg.tasks);
  engine.addStatusChanges(flowOrg.statusChanges);
  engine.addTimeEntries(flowOrg.timeEntries);
  return engine.finish();
}

function small(): KpiResults {
  const engine = createKpiEngine({ asOf: smallOrg.AS_OF, windowDays: smallOrg.WINDOW_DAYS, projects: smallOrg.projects, people: smallOrg.people, themes: smallOrg.themes, overrides: smallOrg.overrides });
  engine.addTasks(smallOrg.tasks);
  engine.addTimeEntries(smallOrg.timeEntries);
  return engine.finish();
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe.each([
  ['flow-org', flow],
  ['small-org', small],
])('buildPortfoliosDoc on %s', (_, run) => {
  const { projects } = run();
  const doc = buildPortfoliosDoc(projects);

  it('passes its schema, for the same day as projects.json', () => {
    expect(PortfoliosDocSchema.parse(doc)).toEqual(doc);
    expect(doc).toMatchObject({ schemaVersion: 1, asOf: projects.asOf });
  });

  it('states the same figures as the deprecated portfolios of projects.json', () => {
    expect(doc.portfolios.length).toBeGreaterThan(0);
    expect(doc.portfolios).toEqual(projects.portfolios);
    expect(doc.portfolios).not.toBe(projects.portfolios);
  });

  it('adds up each portfolio from its projects', () => {
    for (const portfolio of doc.portfolios) {
      const own = projects.projects.filter((p) => (p.portfolio ?? NO_PORTFOLIO) === portfolio.name);
      expect(portfolio.projects, portfolio.name).toBe(own.length);
      // Each project is rounded to 2 decimals on its own, the portfolio once over the sum.
      expect(portfolio.hours, portfolio.name).toBeCloseTo(sum(own.map((p) => p.hours)), 1);
      for (const key of ['bac', 'pv', 'ev', 'ac'] as const) expect(portfolio.evm[key], `${portfolio.name} ${key}`).toBeCloseTo(sum(own.map((p) => p.evm[key])), 1);
    }
    expect(sum(doc.portfolios.map((p) => p.projects))).toBe(projects.projects.length);
  });
});

describe('buildPortfoliosDoc', () => {
  it('gives an empty list for a projects document without portfolios', () => {
    const projects: ProjectsDoc = { schemaVersion: 1, asOf: '2026-03-31', projects: [] };
    expect(buildPortfoliosDoc(projects)).toEqual({ schemaVersion: 1, asOf: '2026-03-31', portfolios: [] });
  });

  it('rejects a portfolio without health or with a fractional project count', () => {
    const doc = buildPortfoliosDoc(small().projects);
    const [first] = doc.portfolios;
    if (!first) throw new Error('fixture has portfolios');
    const { health: _, ...noHealth } = first;
    expect(PortfoliosDocSchema.safeParse({ ...doc, portfolios: [noHealth] }).success).toBe(false);
    expect(PortfoliosDocSchema.safeParse({ ...doc, portfolios: [{ ...first, projects: 1.5 }] }).success).toBe(false);
    expect(PortfoliosDocSchema.safeParse({ ...doc, schemaVersion: 2 }).success).toBe(false);
  });
});
