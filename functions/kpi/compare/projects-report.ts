import type { Project } from '../../domain/records.ts';
import { SCHEMA_VERSION, type ProjectsDoc } from '../../contract/documents.ts';
import { NO_PORTFOLIO } from '../alignment/alignment.ts';
import { evmFigures, healthOf } from '../engine/evm.ts';
import { withoutHourEvm } from './hours-unavailable.ts';
import { healthWithoutBaseline, portfolioWithoutBaseline, withoutBaselineEvm } from './hour-estimates-unavailable.ts';
import type { EvmFigures } from '../engine/evm.ts';
import type { Identity } from '../engine/identity.ts';
import { roundHours } from '../engine/numbers.ts';
import { sumTallies, type ProjectTally } from '../engine/project-tally.ts';
import type { KpiSettings } from '../engine/settings.ts';
import { projectPlan } from './project-plan.ts';

/** The projects document: earned value and health per project, and rolled up per portfolio. */

export interface TalliedProject {
  project: Project;
  pm: Identity | undefined;
  tally: ProjectTally;
  /** Why the project's hours are unavailable (its source lacks time tracking). */
  hoursUnavailable?: string;
  /** Why the project has no cost baseline (its source's estimates are not hours). */
  hourEstimatesUnavailable?: string;
}

/** Earned value and health, without the figures a missing input (hours, estimates in hours) would fake. */
function evmAndHealth(total: ProjectTally, settings: KpiSettings, noHours: boolean, noBaseline: string | undefined): { evm: EvmFigures; health: ReturnType<typeof healthOf> } {
  const figures = evmFigures(total, settings.currency);
  const evm = noBaseline !== undefined ? withoutBaselineEvm(figures) : noHours ? withoutHourEvm(figures) : figures;
  return { evm, health: noBaseline !== undefined ? healthWithoutBaseline(noBaseline) : healthOf(evm, settings.health) };
}

export const byName = <T extends { name: string; id: string }>(a: T, b: T): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

export function buildProjectsDoc(asOf: string, settings: KpiSettings, projects: readonly TalliedProject[]): ProjectsDoc {
  const sorted = [...projects].sort((a, b) => byName(a.project, b.project));
  return {
    schemaVersion: SCHEMA_VERSION,
    asOf,
    projects: sorted.map(({ project, pm, tally, hoursUnavailable, hourEstimatesUnavailable }) => {
      const { evm, health } = evmAndHealth(tally, settings, hoursUnavailable !== undefined, hourEstimatesUnavailable);
      return {
        id: project.id,
        name: project.name,
        source: project.source,
        pmId: pm?.id ?? null,
        ...(pm && project.pmFrom !== undefined ? { pmFrom: project.pmFrom } : {}),
        portfolio: project.portfolio ?? null,
        tasks: tally.tasks,
        doneTasks: tally.doneTasks,
        hours: roundHours(tally.hoursInWindow),
        evm,
        ...health,
        ...(hoursUnavailable ? { hoursUnavailable } : {}),
        ...(hourEstimatesUnavailable ? { hourEstimatesUnavailable } : {}),
        plan: projectPlan(tally),
      };
    }),
    portfolios: portfolios(projects, settings),
  };
}

/** Portfolios by name, with the catch-all for projects without one last; figures are sums over projects. */
function portfolios(projects: readonly TalliedProject[], settings: KpiSettings): NonNullable<ProjectsDoc['portfolios']> {
  const groups = new Map<string, ProjectTally[]>();
  const withoutHours = new Map<string, number>();
  const withoutBaseline = new Map<string, number>();
  for (const { project, tally, hoursUnavailable, hourEstimatesUnavailable } of projects) {
    const name = project.portfolio ?? NO_PORTFOLIO;
    groups.set(name, [...(groups.get(name) ?? []), tally]);
    if (hoursUnavailable) withoutHours.set(name, (withoutHours.get(name) ?? 0) + 1);
    if (hourEstimatesUnavailable) withoutBaseline.set(name, (withoutBaseline.get(name) ?? 0) + 1);
  }
  const names = [...groups.keys()].sort((a, b) => (a === NO_PORTFOLIO ? 1 : b === NO_PORTFOLIO ? -1 : a < b ? -1 : a > b ? 1 : 0));
  return names.map((name) => {
    const tallies = groups.get(name) ?? [];
    const total = sumTallies(tallies);
    const missing = withoutHours.get(name) ?? 0;
    const unestimated = withoutBaseline.get(name) ?? 0;
    const baselineNote = unestimated ? portfolioWithoutBaseline(unestimated, tallies.length) : undefined;
    const { evm, health } = evmAndHealth(total, settings, missing > 0, baselineNote);
    const note = missing ? { hoursUnavailable: `the hours of ${missing} of its ${tallies.length} projects are unavailable at their source` } : {};
    return { name, projects: tallies.length, hours: roundHours(total.hoursInWindow), evm, ...health, ...note, ...(baselineNote ? { hourEstimatesUnavailable: baselineNote } : {}) };
  });
}
