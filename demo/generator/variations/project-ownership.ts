import type { DemoOrg, DemoPerson, DemoProject } from '../model.ts';
import { DEMO_SOURCES } from '../people-config.ts';

/**
 * Who runs a project is not always who Jira names as its lead or Asana as its owner. Common
 * set-ups, each on a few of the demo's projects (the generator's `pmId` stays the person who
 * really runs them):
 * - a "Project Manager" field names the PM: a user picker on a Jira project's issues, a people
 *   field on an Asana project; the lead (owner) is a colleague from the same portfolio;
 * - a project category for internal tooling whose projects Jira admins lead; one PM runs the
 *   whole category, which a `projectRules` entry in the demo config says, and the same rule puts
 *   the projects back in their portfolio.
 * The demo config carries the field and the rule (`demoOwnershipConfig`), so its figures are as
 * the generator meant; without them the leads would get the work.
 */

export const PM_FIELD = { id: 'customfield_10050', name: 'Project Manager' } as const;
export const TOOLS_CATEGORY = { id: '10090', name: 'Internal Tools', description: 'Tools the company builds for itself' } as const;

/** One issue in this many leaves the field empty, as people forget it. */
const FIELD_GAP = 10;

export function applyOwnershipVariation(org: DemoOrg): void {
  const jira = systemProjects(org, 'jira');
  const fieldProject = withPmField(org, jira);
  for (const project of toolsProjects(jira.filter((candidate) => candidate !== fieldProject))) {
    project.ownership = { leadId: org.adminId, jiraCategory: { ...TOOLS_CATEGORY } };
  }
  withPmField(org, systemProjects(org, 'asana'));
}

/** The gid of the Asana "Project Manager" people field (the workspace's gid + 3 is free: asana-records.ts). */
export function asanaPmFieldGid(org: Pick<DemoOrg, 'company'>): string {
  return String(BigInt(org.company.asanaWorkspaceGid) + 3n);
}

function systemProjects(org: DemoOrg, system: DemoProject['system']): DemoProject[] {
  return org.projects.filter((project) => project.system === system).sort((a, b) => (BigInt(a.sourceId) < BigInt(b.sourceId) ? -1 : 1));
}

/**
 * The most recently active project with a colleague in its portfolio (so the move shows in this
 * year's figures): the colleague leads it, the field names its PM.
 */
function withPmField(org: DemoOrg, projects: readonly DemoProject[]): DemoProject | undefined {
  for (const project of [...projects].sort((a, b) => b.modifiedAt - a.modifiedAt)) {
    const colleague = colleagueOf(org, projects, project);
    if (!colleague) continue;
    project.ownership = { leadId: colleague.id, pmFieldPersonId: project.pmId };
    return project;
  }
  return undefined;
}

/** The person the issue's "Project Manager" field names, or null when it is empty. */
export function pmFieldOf(project: DemoProject, issueNumber: number): string | null {
  const person = project.ownership?.pmFieldPersonId;
  return person !== undefined && issueNumber % FIELD_GAP !== 0 ? person : null;
}

/** The demo config's part: both sources read the field, and one rule names the category's PM. */
export function demoOwnershipConfig(org: DemoOrg): { fields: { pm: string }; projectRules: unknown[] } {
  const tools = org.projects.filter((project) => project.ownership?.jiraCategory);
  const pm = org.people.find((person) => person.id === tools[0]?.pmId);
  const portfolio = org.portfolios.find((candidate) => candidate.id === tools[0]?.portfolioId);
  const projectRules = pm && portfolio ? [{ match: { source: DEMO_SOURCES.jira, category: TOOLS_CATEGORY.name }, pm: pm.email, portfolio: portfolio.name }] : [];
  return { fields: { pm: PM_FIELD.name }, projectRules };
}

/** Another PM with a project of the same system in the same portfolio. */
function colleagueOf(org: DemoOrg, projects: readonly DemoProject[], project: DemoProject): DemoPerson | undefined {
  const other = projects.find((candidate) => candidate.portfolioId === project.portfolioId && candidate.pmId !== project.pmId);
  return other ? org.people.find((person) => person.id === other.pmId) : undefined;
}

/** Two Jira projects one PM runs in one portfolio (one when no PM has two). */
function toolsProjects(jira: readonly DemoProject[]): DemoProject[] {
  const groups = new Map<string, DemoProject[]>();
  for (const project of jira) {
    const key = `${project.pmId}|${project.portfolioId}`;
    groups.set(key, [...(groups.get(key) ?? []), project]);
  }
  const pair = [...groups.values()].find((group) => group.length >= 2);
  return (pair ?? jira.slice(-1)).slice(0, 2);
}
