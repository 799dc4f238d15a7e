import type { DriverTask } from './project-tasks.ts';
import { projectGapRows } from './portfolio-gap.ts';
import { NO_PORTFOLIO, type Project } from './portfolio-pages.ts';
import { pmLabels } from './scales.ts';
import type { Snapshot } from './snapshot.ts';
import { byId } from './project-index.ts';

export interface ProjectThemeRow {
  name: string;
  hours: number;
  share: number;
  target: number | undefined;
}

/** What a project page shows beyond the project's own entry in projects.json. */
export interface ProjectPageFacts {
  pmName: string | undefined;
  mix: ProjectThemeRow[] | undefined;
  /** The project's part of its portfolio's gap score (see portfolio-gap.ts). */
  gapPart: number | undefined;
  unalignedHours: number | undefined;
  /** The project's late tasks (projects.json), or in older snapshots its tasks on its PM's drill-down list. */
  lateListed: boolean;
  /** The tasks listed. */
  tasks: DriverTask[];
}

export function projectPageFacts(snapshot: Snapshot, project: Project): ProjectPageFacts {
  const { documents: docs } = snapshot;
  const alignment = docs['alignment.json'];
  const mix = alignment.projects ? byId(alignment.projects, project.id) : undefined;
  const portfolio = alignment.portfolios.find((p) => p.name === (project.portfolio ?? NO_PORTFOLIO));
  const hoursOf = new Map(mix?.themes.map((t) => [t.id, t.hours]));
  const total = mix?.totalHours ?? 0;
  const share = (hours: number) => (total > 0 ? hours / total : 0);
  const rows = mix && [
    ...alignment.themes.map((theme) => {
      const hours = hoursOf.get(theme.id) ?? 0;
      return { name: theme.name, hours, share: share(hours), target: portfolio?.themes.find((t) => t.id === theme.id)?.target ?? theme.target };
    }),
    { name: 'Unaligned', hours: mix.unalignedHours, share: share(mix.unalignedHours), target: 0 },
  ];
  const gapPart = mix && portfolio ? projectGapRows(portfolio, [mix])[0]?.gapPart : undefined;
  // Snapshots that list each project's late tasks say so with the field; older ones only have the PMs' drill-down lists.
  const managers = docs['managers.json'].managers;
  const tasks = project.lateTasks
    ? project.lateTasks.map((t) => ({ ...t, kpi: 'onTimeRate' }))
    : managers.flatMap((pm) => (pm.drivers?.tasks ?? []).filter((t) => t.projectId === project.id).map((t) => ({ ...t, kpi: pm.drivers!.kpi })));
  return {
    pmName: project.pmId ? pmLabels(docs['managers.json']).get(project.pmId) : undefined,
    mix: rows,
    gapPart,
    unalignedHours: mix?.unalignedHours,
    lateListed: project.lateTasks !== undefined,
    tasks,
  };
}
