import type { DemoScale } from './model.ts';

/** How big each scale is. Task and entry counts follow from these through the task model. */
export interface ScaleSize {
  pms: number;
  projects: number;
  members: number;
  /** Tasks per regular project, before the per-project weight. */
  tasksPerProject: number;
  teamSize: readonly [number, number];
}

export const scaleSizes: Record<DemoScale, ScaleSize> = {
  small: { pms: 5, projects: 12, members: 12, tasksPerProject: 250, teamSize: [3, 6] },
  medium: { pms: 12, projects: 40, members: 82, tasksPerProject: 590, teamSize: [4, 8] },
  large: { pms: 40, projects: 150, members: 280, tasksPerProject: 545, teamSize: [4, 9] },
};

/** Share of projects that live in Asana; the rest live in Jira. */
export const ASANA_SHARE = 0.4;
