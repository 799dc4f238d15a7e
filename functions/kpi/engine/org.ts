import type { Project } from '../../domain/records.ts';
import type { Calendar } from './calendar.ts';
import type { Identity, IdentityResolver } from './identity.ts';
import { ManagerTally } from './manager-tally.ts';
import { emptyTally, type ProjectTally } from './project-tally.ts';
import { byName } from '../compare/projects-report.ts';

/**
 * The fixed shape of the organisation: projects by index, each with its tally and its PM's index.
 * Built once from the project list, so the per-record paths only look numbers up.
 */
export interface ManagerGroup {
  pm: Identity;
  projects: Project[];
  tally: ManagerTally;
}

export class Org {
  readonly projects: readonly Project[];
  readonly tallies: readonly ProjectTally[];
  /** PM index per project index, -1 for a project without a PM. */
  readonly managerOf: Int32Array;
  readonly managers: ManagerGroup[] = [];
  readonly #projectIndex = new Map<string, number>();

  constructor(projects: readonly Project[], identities: IdentityResolver, calendar: Calendar) {
    this.projects = projects;
    this.tallies = projects.map(() => emptyTally());
    this.managerOf = new Int32Array(projects.length).fill(-1);
    const groups = new Map<string, ManagerGroup>();
    for (const project of projects) {
      if (project.pmId === undefined) continue;
      const pm = identities.resolve(project.pmId);
      let group = groups.get(pm.id);
      if (!group) groups.set(pm.id, (group = { pm, projects: [], tally: new ManagerTally(calendar.slots.length, calendar.monthCount) }));
      group.projects.push(project);
    }
    this.managers.push(...[...groups.values()].sort((a, b) => byName(a.pm, b.pm)));
    this.managers.forEach((group, index) => group.projects.sort(byName).forEach((project) => (this.managerOf[this.indexOf(project.id)] = index)));
  }

  indexOf(projectId: string): number {
    if (this.#projectIndex.size === 0) this.projects.forEach((project, index) => this.#projectIndex.set(project.id, index));
    return this.#projectIndex.get(projectId) ?? -1;
  }

  managerTally(projectIndex: number): ManagerTally | undefined {
    return this.managers[this.managerOf[projectIndex] ?? -1]?.tally;
  }
}
