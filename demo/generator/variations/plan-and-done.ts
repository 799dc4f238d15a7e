import type { DemoPerson, DemoProject, DemoTask } from '../model.ts';
import type { IdSource } from '../ids.ts';
import type { Persona } from '../personas.ts';
import type { Random } from '../random.ts';
import { markNoResolutionProject } from './no-resolution.ts';
import { addReplans } from './replans.ts';

/** The demo's plan and completion variations, after ids are assigned: re-planned tasks, and a Jira project without resolutions. */
export interface PlanAndDoneContext {
  random: Random;
  ids: IdSource;
  projects: readonly DemoProject[];
  tasks: DemoTask[];
  /** The PMs and their personas, in the same order. */
  pms: readonly DemoPerson[];
  personas: readonly Persona[];
  now: number;
}

export function addPlanAndDoneVariations(context: PlanAndDoneContext): void {
  const personaOf = new Map(context.pms.map((pm, index) => [pm.id, context.personas[index]!.id]));
  addReplans({ random: context.random, ids: context.ids, projects: context.projects, tasks: context.tasks, personaOf, now: context.now });
  markNoResolutionProject(context.projects, personaOf);
}
