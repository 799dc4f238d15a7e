import { recordId, type Person, type Project } from '../../domain/index.ts';
import type { AdoIdentity } from './schema.ts';

/** Azure DevOps people and projects → domain records. Pure: no I/O, no clock. */

export function mapAdoPerson(source: string, identity: AdoIdentity): Person {
  const person: Person = { id: recordId(source, identity.id), source, sourceId: identity.id, name: identity.displayName ?? identity.uniqueName ?? '' };
  if (identity.uniqueName?.includes('@')) person.email = identity.uniqueName;
  return person;
}

/**
 * The pmpulse project a work item belongs to: the first `depth` nodes of its area path
 * (`Fabrikam\Payments\API` at depth 2 → `Fabrikam\Payments`). Depth 1 is the Azure DevOps project.
 */
export function areaKey(areaPath: string, depth: number): string {
  return areaPath.split('\\').slice(0, depth).join('\\');
}

/**
 * A project record for an area key. Its source id and key are the area path (rules name it in
 * `match.project`, any case), its name the area's last node (for an area a team owns, the team's
 * name, which `match.name` patterns test). Below depth 1 its portfolio is the Azure DevOps project
 * (`match.category`). Team names equal to the area's name become project tags (theme rules).
 */
export function mapAdoProject(source: string, key: string, teams: readonly string[] = []): Project {
  const nodes = key.split('\\');
  const name = nodes[nodes.length - 1]!;
  const project: Project = { id: recordId(source, key), source, sourceId: key, key, name, tags: teams.filter((team) => team.toLowerCase() === name.toLowerCase()) };
  if (nodes.length > 1) project.portfolio = nodes[0]!;
  return project;
}
