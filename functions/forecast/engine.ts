import type { Project, Task } from '../domain/index.ts';
import type { Forecast, ForecastsDoc } from '../contract/forecasts-document.ts';
import { defaultForecastSettings, forecastProject, type ForecastSettings, type ProjectForecast } from './forecast.ts';
import { createRollup } from './rollup.ts';
import { createThroughputCounter, emptyTally, type FlowTally } from './throughput.ts';

export interface ForecastEngineInput {
  asOf: string;
  projects: readonly Project[];
  settings?: Partial<ForecastSettings>;
  /** `kpi.timeZone`: the zone done and created days are read in. */
  timeZone?: string | undefined;
}

const NO_PORTFOLIO = '(none)';

/**
 * Completion forecasts per project, and per PM and per portfolio as roll-ups of their projects'
 * trials (finished when the last project is; see rollup.ts). Tasks stream in; simulations run in
 * `finish`. Seeded per project: the same snapshot and settings always give the same dates.
 */
export function createForecastEngine(input: ForecastEngineInput) {
  const settings = { ...defaultForecastSettings, ...input.settings };
  const counter = createThroughputCounter(input.asOf, settings.historyWeeks, input.timeZone, settings.unit);
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
      const tallyOf = (project: Project) => tallies.get(project.id) ?? emptyTally(settings.historyWeeks);
      const byName = [...input.projects].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
      const pmOf = (project: Project) => {
        const id = pmIdOf(project);
        return id === undefined ? undefined : { id, name: names.get(id) ?? id };
      };
      const portfolioOf = (project: Project) => {
        const name = project.portfolio ?? NO_PORTFOLIO;
        return { id: name, name };
      };
      const pmRollups = rollupsBy(pmOf);
      const portfolioRollups = rollupsBy(portfolioOf);
      // One project at a time: its trials are folded into its PM and portfolio, then dropped.
      const projects = byName.map((project) => {
        const tally = tallyOf(project);
        const simulated = forecastProject({ id: project.id, name: project.name }, tally, input.asOf, settings);
        pmRollups.add(project, tally, simulated);
        portfolioRollups.add(project, tally, simulated);
        return { ...simulated.forecast, pmId: pmIdOf(project) ?? null, portfolio: project.portfolio ?? null };
      });
      const { unit, ...published } = settings;
      return { schemaVersion: 1, asOf: input.asOf, settings: published, unit, projects, managers: pmRollups.finish(), portfolios: portfolioRollups.finish() };
    },
  };

  /** The roll-ups of one kind (PMs or portfolios), keyed by the subject each project belongs to. */
  function rollupsBy(key: (project: Project) => { id: string; name: string } | undefined) {
    const rollups = new Map<string, { subject: { id: string; name: string }; rollup: ReturnType<typeof createRollup> }>();
    return {
      add(project: Project, tally: FlowTally, simulated: ProjectForecast) {
        const subject = key(project);
        if (!subject) return;
        let entry = rollups.get(subject.id);
        if (!entry) rollups.set(subject.id, (entry = { subject, rollup: createRollup(subject, input.asOf, settings) }));
        entry.rollup.add(tally, simulated);
      },
      finish: (): Forecast[] =>
        [...rollups.values()].sort((a, b) => a.subject.name.localeCompare(b.subject.name)).map(({ rollup }) => rollup.finish()),
    };
  }
}
