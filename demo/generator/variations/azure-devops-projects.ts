import { createHash } from 'node:crypto';
import type { DemoOrg, DemoPerson, DemoProject } from '../model.ts';

/**
 * Part of the company plans its work in Azure DevOps Boards (`pmpulse demo --azure-devops`): every
 * other plain Jira project (by key, from the first; none with an ownership set-up, a team-managed style or a
 * workflow without resolutions, whose Jira-specific figures other tests pin) moves there. In
 * Azure DevOps each portfolio is a project and each moved project an area of it with the team of
 * the same name (`Growth\Checkout`), read at area path depth 2.
 */

export const ADO_ORGANIZATION = 'northwind';
export const ADO_TOKEN = 'demo-azure-devops-personal-access-token';
/** One plain Jira project in this many moves. */
const EVERY = 2;

export function withAzureDevOpsProjects(org: DemoOrg): DemoOrg {
  const plain = org.projects
    .filter((project) => project.system === 'jira' && !project.ownership && !project.jiraStyle && !project.setsNoResolution)
    .sort((a, b) => a.key.localeCompare(b.key));
  const moving = new Set(plain.filter((_, index) => index % EVERY === 0).map((project) => project.id));
  const projects = org.projects.map((project): DemoProject => (moving.has(project.id) ? { ...project, system: 'azure-devops' } : project));
  return { ...org, projects };
}

/** A person's Azure DevOps identity id: a stable GUID from their email. */
export function adoIdentityId(person: Pick<DemoPerson, 'email'>): string {
  const hex = createHash('sha1').update(`ado:${person.email}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** An Azure DevOps project's id: a stable GUID from its name. */
export function adoProjectId(name: string): string {
  return adoIdentityId({ email: `project:${name}` });
}

/** The area path of a moved project: its portfolio's Azure DevOps project, then its own name. */
export function adoAreaPath(org: Pick<DemoOrg, 'portfolios'>, project: DemoProject): string {
  const portfolio = org.portfolios.find((candidate) => candidate.id === project.portfolioId)!;
  return `${portfolio.name}\\${project.name}`;
}
