import type { AlignmentDoc } from '../../contract/documents.ts';
import { roundHours } from '../engine/numbers.ts';
import type { TalliedProject } from '../compare/projects-report.ts';

/** How many projects the alignment page lists as carrying unaligned work. */
export const MAX_UNALIGNED_PROJECTS = 20;

/** Projects with unaligned hours in the window, largest first (ties by project id). */
export function unalignedWork(projects: readonly TalliedProject[]): NonNullable<AlignmentDoc['unalignedWork']> {
  return projects
    .filter(({ tally }) => tally.unalignedHoursInWindow > 0)
    .sort((a, b) => b.tally.unalignedHoursInWindow - a.tally.unalignedHoursInWindow || (a.project.id < b.project.id ? -1 : 1))
    .slice(0, MAX_UNALIGNED_PROJECTS)
    .map(({ project, pm, tally }) => ({ projectId: project.id, name: project.name, pmId: pm?.id ?? null, hours: roundHours(tally.unalignedHoursInWindow) }));
}
