import type { DemoProject, PersonaId } from '../model.ts';

/**
 * A Jira project whose workflow never sets a resolution: its done issues have no `resolutiondate`
 * and their changelog no resolution item, so done is known by the status category only (as in many
 * real sites). The steady PM's most recently active Jira project is the one, so its figures are
 * easy to find and it finishes work inside the reporting window.
 */
export function markNoResolutionProject(projects: readonly DemoProject[], personaOf: ReadonlyMap<string, PersonaId>): void {
  const candidates = projects.filter((candidate) => candidate.system === 'jira' && personaOf.get(candidate.pmId) === 'steady');
  const latest = candidates.reduce<DemoProject | undefined>((best, candidate) => (best === undefined || candidate.modifiedAt > best.modifiedAt ? candidate : best), undefined);
  if (latest) latest.setsNoResolution = true;
}
