import type { DemoProject, PersonaId } from '../model.ts';

/**
 * A Jira project whose workflow never sets a resolution: its done issues have no `resolutiondate`
 * and their changelog no resolution item, so done is known by the status category only (as in many
 * real sites). The steady PM's first Jira project is the one, so its figures are easy to find.
 */
export function markNoResolutionProject(projects: readonly DemoProject[], personaOf: ReadonlyMap<string, PersonaId>): void {
  const project = projects.find((candidate) => candidate.system === 'jira' && personaOf.get(candidate.pmId) === 'steady');
  if (project) project.setsNoResolution = true;
}
