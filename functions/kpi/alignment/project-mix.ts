import type { Theme } from '../../config/schema.ts';
import type { ProjectMix } from '../../contract/alignment-projects.ts';
import type { Project } from '../../domain/index.ts';
import { roundHours } from '../engine/numbers.ts';
import type { AlignmentTally } from './alignment.ts';

/**
 * Each project's hours per theme over the window, for the projects × themes matrix of its
 * portfolio. Projects without hours in the window are left out; so are themes without hours on
 * a project (the matrix shows them as 0). Summed over a portfolio's projects, these are the
 * portfolio's hours (entries on no known project aside, which the `(none)` portfolio holds).
 */
export function projectMixes(tally: AlignmentTally, themes: readonly Theme[], projects: readonly Project[]): ProjectMix[] {
  const mixes: ProjectMix[] = [];
  projects.forEach((project, index) => {
    const hours = tally.projectWindowHours(index);
    const total = hours.reduce((sum, h) => sum + h, 0);
    if (total <= 0) return;
    const perTheme = themes.flatMap((theme, slot) => ((hours[slot] ?? 0) > 0 ? [{ id: theme.id, hours: roundHours(hours[slot]!) }] : []));
    mixes.push({ id: project.id, totalHours: roundHours(total), unalignedHours: roundHours(hours[themes.length] ?? 0), themes: perTheme });
  });
  return mixes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
