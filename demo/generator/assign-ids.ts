import type { AsanaSection, DemoProject, DemoTask, DemoWorklog } from './model.ts';
import type { IdSource } from './ids.ts';

const sections: readonly AsanaSection[] = ['To do', 'In progress', 'Done', 'Blocked'];

/**
 * Gives every record the id its system would have issued: in order of creation, so Jira issue
 * ids, issue keys and worklog ids grow with time as they do on a real site.
 */
export function assignIds(ids: IdSource, projects: DemoProject[], tasks: DemoTask[], worklogs: DemoWorklog[]): void {
  const projectsById = new Map(projects.map((project) => [project.id, project]));
  for (const project of [...projects].sort((a, b) => a.createdAt - b.createdAt)) {
    project.sourceId = project.system === 'jira' ? ids.jiraProjectId() : ids.asanaGid();
    for (const section of sections) project.sectionGids[section] = project.system === 'asana' ? ids.asanaGid() : '';
  }
  const issueCounters = new Map<string, number>();
  for (const task of [...tasks].sort((a, b) => a.createdAt - b.createdAt || compareText(a.id, b.id))) {
    const project = projectsById.get(task.projectId) as DemoProject;
    const number = (issueCounters.get(project.id) ?? 0) + 1;
    issueCounters.set(project.id, number);
    task.key = `${project.key}-${number}`;
    task.sourceId = project.system === 'jira' ? ids.jiraIssueId() : ids.asanaGid();
  }
  const systemOf = new Map(tasks.map((task) => [task.id, (projectsById.get(task.projectId) as DemoProject).system]));
  for (const log of [...worklogs].sort((a, b) => a.updatedAt - b.updatedAt || compareText(a.taskId, b.taskId) || a.startedAt - b.startedAt)) {
    log.id = systemOf.get(log.taskId) === 'jira' ? ids.jiraWorklogId() : ids.asanaGid();
  }
  const changes = tasks.flatMap((task) => task.history);
  for (const change of changes.sort((a, b) => a.at - b.at)) change.id = ids.jiraHistoryId();
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
