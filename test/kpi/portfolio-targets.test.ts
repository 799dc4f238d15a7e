import { describe, expect, it } from 'vitest';
import type { Theme } from '../../functions/config/schema.ts';
import type { Person, Project, Task, TimeEntry } from '../../functions/domain/records.ts';
import { createKpiEngine } from '../../functions/kpi/index.ts';

/**
 * Each portfolio is judged against its own targets where the config gives them, else against the
 * company's; a PM against the targets of the portfolios the PM's hours went to, weighted by those
 * hours. Figures by hand, as of 2026-03-31, window 31 days (March):
 *
 *   Company targets: growth 0.3, platform 0.5. Growth's own: growth 0.8, platform 0.1. Core: none.
 *   G1 (Growth, Ada): growth 8, platform 2          C1 (Core, Bo): growth 2, platform 6, unaligned 2
 *   G2 (Growth, Cy):  growth 2 (+ 4 in February)    C2 (Core, Cy): platform 6, unaligned 2
 *
 *   Growth: 12 h, shares 10/12 = 0.8333, 2/12 = 0.1667, 0 → gap (|0.8333 − 0.8| + |0.1667 − 0.1| + 0)/2 = 0.05
 *           (against the company's: (0.5333 + 0.3333)/2 = 0.4333)
 *   Core:   18 h, shares 2/18, 12/18, 4/18, company targets → gap (0.1889 + 0.1667 + 0.2222)/2 = 0.2889
 *   Ada:    G1 only → Growth's targets; shares 0.8, 0.2 → gap (0 + 0.1 + 0)/2 = 0.05
 *   Bo:     C1 only → the company's; shares 0.2, 0.6, 0.2 → gap (0.1 + 0.1 + 0.2)/2 = 0.2
 *   Cy:     2 h in Growth, 8 h in Core → weights 0.2, 0.8:
 *           growth 0.2 × 0.8 + 0.8 × 0.3 = 0.4, platform 0.2 × 0.1 + 0.8 × 0.5 = 0.42;
 *           shares 0.2, 0.6, 0.2 → gap (0.2 + 0.18 + 0.2)/2 = 0.29 (against the company's: 0.2)
 *           February: only Growth hours → Growth's targets; share growth 1 → gap (0.2 + 0.1)/2 = 0.15
 */

const themes: Theme[] = [
  { id: 'growth', name: 'Growth work', target: 0.3, match: { tags: ['growth'], projects: [], portfolios: [] } },
  { id: 'platform', name: 'Platform work', target: 0.5, match: { tags: ['platform'], projects: [], portfolios: [] } },
];
const person = (id: string): Person => ({ id, source: 'jira', sourceId: id.slice(5), name: id.slice(5) });
const project = (key: string, portfolio: string, pm: string): Project => ({ id: `jira:${key}`, source: 'jira', sourceId: key, name: key, pmId: `jira:${pm}`, portfolio, tags: [] });
const projects = [project('G1', 'Growth', 'ada'), project('C1', 'Core', 'bo'), project('G2', 'Growth', 'cy'), project('C2', 'Core', 'cy')];

const task = (key: string, tag: string): Task => ({
  id: `jira:${key}-${tag}`, source: 'jira', sourceId: `${key}-${tag}`, projectId: `jira:${key}`, title: tag, status: 'todo', originalStatus: 'To Do',
  createdAt: '2026-01-05T09:00:00Z', updatedAt: '2026-01-05T09:00:00Z', tags: tag === 'none' ? [] : [tag],
});
let seq = 0;
const entry = (key: string, tag: string, hours: number, date = '2026-03-10'): TimeEntry => {
  seq += 1;
  return { id: `jira:w${seq}`, source: 'jira', sourceId: `w${seq}`, taskId: `jira:${key}-${tag}`, projectId: `jira:${key}`, personId: 'jira:dev', date, hours };
};

function alignment() {
  const engine = createKpiEngine({
    asOf: '2026-03-31', windowDays: 31, projects, themes, overrides: [],
    portfolioTargets: { Growth: { growth: 0.8, platform: 0.1 } },
    people: ['jira:ada', 'jira:bo', 'jira:cy', 'jira:dev'].map(person),
  });
  engine.addTasks(projects.flatMap((p) => ['growth', 'platform', 'none'].map((tag) => task(p.sourceId, tag))));
  engine.addTimeEntries([
    entry('G1', 'growth', 8), entry('G1', 'platform', 2),
    entry('C1', 'growth', 2), entry('C1', 'platform', 6), entry('C1', 'none', 2),
    entry('G2', 'growth', 2), entry('G2', 'growth', 4, '2026-02-10'),
    entry('C2', 'platform', 6), entry('C2', 'none', 2),
  ]);
  return engine.finish().alignment;
}

describe('targets per portfolio', () => {
  it('judges a portfolio with its own targets against them', () => {
    const growth = alignment().portfolios.find((p) => p.name === 'Growth');
    expect(growth?.gapScore).toBe(0.05);
    expect(growth?.targetsFrom).toBe('portfolio');
    expect(growth?.themes.map((t) => [t.id, t.target, t.actual])).toEqual([['growth', 0.8, 0.8333], ['platform', 0.1, 0.1667]]);
  });

  it("judges a portfolio without its own against the company's", () => {
    const doc = alignment();
    const core = doc.portfolios.find((p) => p.name === 'Core');
    expect(core?.gapScore).toBe(0.2889);
    expect(core?.targetsFrom).toBe('company');
    expect(core?.themes.map((t) => t.target)).toEqual([0.3, 0.5]);
    expect(doc.themes.map((t) => t.target)).toEqual([0.3, 0.5]); // the company keeps its own
  });

  it('judges a PM against the targets of the portfolios of their hours, weighted by hours', () => {
    const doc = alignment();
    const pm = (id: string) => doc.managers?.find((m) => m.id === `jira:${id}`);
    expect([pm('ada')?.gapScore, pm('bo')?.gapScore, pm('cy')?.gapScore]).toEqual([0.05, 0.2, 0.29]);
    expect(pm('cy')?.themes.map((t) => t.target)).toEqual([0.4, 0.42]);
    expect(pm('cy')?.targetWeights).toEqual([{ portfolio: 'Core', hours: 8, weight: 0.8 }, { portfolio: 'Growth', hours: 2, weight: 0.2 }]);
    const [february, march] = (pm('cy')?.months ?? []).slice(-2);
    expect([february?.gapScore, february?.themes.map((t) => t.target)]).toEqual([0.15, [0.8, 0.1]]);
    expect([march?.gapScore, march?.themes.map((t) => t.target)]).toEqual([0.29, [0.4, 0.42]]);
  });

  it("publishes each project's window hours per theme, which sum to its portfolio's", () => {
    const doc = alignment();
    // By hand from the entries above, March only (G2's February hours fall outside the window).
    expect(doc.projects).toMatchObject([
      { id: 'jira:C1', totalHours: 10, unalignedHours: 2, themes: [{ id: 'growth', hours: 2 }, { id: 'platform', hours: 6 }] },
      { id: 'jira:C2', totalHours: 8, unalignedHours: 2, themes: [{ id: 'platform', hours: 6 }] },
      { id: 'jira:G1', totalHours: 10, unalignedHours: 0, themes: [{ id: 'growth', hours: 8 }, { id: 'platform', hours: 2 }] },
      { id: 'jira:G2', totalHours: 2, unalignedHours: 0, themes: [{ id: 'growth', hours: 2 }] },
    ]);
    const core = doc.portfolios.find((p) => p.name === 'Core');
    const coreProjects = doc.projects!.filter((p) => p.id.startsWith('jira:C'));
    expect(coreProjects.reduce((sum, p) => sum + p.totalHours, 0)).toBe(core?.totalHours);
  });
});
