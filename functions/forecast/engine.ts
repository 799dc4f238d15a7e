import type { Project, Task } from '../domain/index.ts';
import type { Forecast, ForecastsDoc } from '../publish/forecasts-document.ts';
import { defaultForecastSettings, forecastTally, type ForecastSettings } from './forecast.ts';
import { createThroughputCounter, sumTallies, type FlowTally } from './throughput.ts';

export interface ForecastEngineInput {
  asOf: string;
  projects: readonly Project[];
  settings?: Partial<ForecastSettings>;
  /** `kpi.timeZone`: the zone done and created days are read in. */
  timeZone?: string | undefined;
}

const NO_PORTFOLIO = '(none)';

/**
 * Completion forecasts per project, per PM (their projects pooled) and per portfolio.
 * Tasks stream in; simulations run in `finish`. Seeded per subject: the same snapshot and
 * settings always give the same dates.
 */
export function createForecastEngine(input: ForecastEngineInput) {
  const settings = { ...defaultForecastSettings, ...input.settings };
  const counter = createThroughputCounter(input.asOf, settings.historyWeeks, input.timeZone);
  return {
    addTasks: (tasks: readonly Task[]) => counter.addTasks(tasks),
    /**
     * `pmOfProject` gives each project's PM as managers.json names them (identities resolved);
     * without it a project's own `pmId` is used. `managers` supplies the PMs' names.
     */
    finish(pmOfProject?: ReadonlyMap<string, string | undefined>, managers: readonly { id: string; name: string }[] = []): ForecastsDoc {
      const names = new Map(managers.map((pm) => [pm.id, pm.name]));
      const pmIdOf = (project: Project) => (pmOfProject ? pmOfProject.get(project.id) : project.pmId);
      const tallies = counter.tallies();
      const tallyOf = (project: Project) => tallies.get(project.id) ?? sumTallies([], settings.historyWeeks);
      const byName = [...input.projects].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
      const projects = byName.map((project) => ({
        ...forecastTally({ id: project.id, name: project.name }, tallyOf(project), input.asOf, settings),
        pmId: pmIdOf(project) ?? null,
        portfolio: project.portfolio ?? null,
      }));
      const groups = (key: (project: Project) => { id: string; name: string } | undefined) => {
        const grouped = new Map<string, { subject: { id: string; name: string }; parts: FlowTally[] }>();
        for (const project of byName) {
          const subject = key(project);
          if (!subject) continue;
          const group = grouped.get(subject.id) ?? { subject, parts: [] };
          group.parts.push(tallyOf(project));
          grouped.set(subject.id, group);
        }
        return [...grouped.values()]
          .sort((a, b) => a.subject.name.localeCompare(b.subject.name))
          .map(({ subject, parts }): Forecast => forecastTally(subject, sumTallies(parts, settings.historyWeeks), input.asOf, settings));
      };
      const pmOf = (project: Project) => {
        const id = pmIdOf(project);
        return id === undefined ? undefined : { id, name: names.get(id) ?? id };
      };
      const portfolioOf = (project: Project) => {
        const name = project.portfolio ?? NO_PORTFOLIO;
        return { id: name, name };
      };
      return { schemaVersion: 1, asOf: input.asOf, settings, projects, managers: groups(pmOf), portfolios: groups(portfolioOf) };
    },
  };
}
