import type { DemoOrg, DemoPerson, DemoProject, DemoWorklog } from '../generator/index.ts';
import { adoAreaPath, adoProjectId } from '../generator/variations/azure-devops-projects.ts';
import { taskRevisions, type RevisionJson } from './azure-devops-revisions.ts';

/**
 * The demo company's Azure DevOps organization: one project per portfolio that holds moved
 * projects, one area and team per moved project, and each project's revisions feed in the order
 * Azure DevOps writes it (by change time; the watermark is a position in it).
 */

export interface AdoProjectView {
  id: string;
  name: string;
  description: string;
  teams: { id: string; name: string }[];
  /** Every revision of the project's work items, oldest change first. */
  feed: RevisionJson[];
  revisionsById: Map<number, RevisionJson[]>;
  /** Work items in the recycle bin. */
  deleted: number[];
}

export interface AdoIndex {
  projects: AdoProjectView[];
  /** By id and by name (any case): the API takes either. */
  byRef: Map<string, AdoProjectView>;
}

export function buildAdoIndex(org: DemoOrg, origin: string, deleted: readonly string[] = []): AdoIndex {
  const moved = org.projects.filter((project) => project.system === 'azure-devops');
  const people = new Map<string, DemoPerson>(org.people.map((person) => [person.id, person]));
  const worklogs = new Map<string, DemoWorklog[]>();
  for (const log of org.worklogs) worklogs.set(log.taskId, [...(worklogs.get(log.taskId) ?? []), log]);
  const byPortfolio = new Map<string, DemoProject[]>();
  for (const project of moved) byPortfolio.set(project.portfolioId, [...(byPortfolio.get(project.portfolioId) ?? []), project]);
  const projects: AdoProjectView[] = [];
  for (const [portfolioId, members] of byPortfolio) {
    const portfolio = org.portfolios.find((candidate) => candidate.id === portfolioId)!;
    const ids = new Set(members.map((project) => project.id));
    const feed: RevisionJson[] = [];
    const revisionsById = new Map<number, RevisionJson[]>();
    for (const task of org.tasks) {
      if (!ids.has(task.projectId)) continue;
      const project = members.find((member) => member.id === task.projectId)!;
      const revisions = taskRevisions({ origin, projectName: portfolio.name, areaPath: adoAreaPath(org, project), people }, task, worklogs.get(task.id) ?? []);
      revisionsById.set(Number(task.sourceId), revisions);
      feed.push(...revisions);
    }
    const changed = (revision: RevisionJson) => Date.parse(String(revision.fields['System.ChangedDate']));
    feed.sort((a, b) => changed(a) - changed(b) || a.id - b.id || a.rev - b.rev);
    projects.push({
      id: adoProjectId(portfolio.name),
      name: portfolio.name,
      description: portfolio.description,
      teams: members.map((project) => ({ id: adoProjectId(`${portfolio.name}\\${project.name}`), name: project.name })),
      feed,
      revisionsById,
      deleted: deleted.map(Number).filter((id) => revisionsById.has(id)),
    });
  }
  projects.sort((a, b) => a.name.localeCompare(b.name));
  const byRef = new Map<string, AdoProjectView>();
  for (const project of projects) {
    byRef.set(project.id, project);
    byRef.set(project.name.toLowerCase(), project);
  }
  return { projects, byRef };
}
