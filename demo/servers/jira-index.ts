import type { DemoOrg, DemoPerson, DemoProject, DemoTask, DemoWorklog } from '../generator/index.ts';
import type { JqlQuery } from './jira-jql.ts';
import { JqlError } from './jira-jql.ts';
import type { FeedEntry } from './jira-worklogs.ts';

/** Lookups built once per server, so every page is a slice of a prepared list. */
export interface JiraIndex {
  org: DemoOrg;
  people: Map<string, DemoPerson>;
  /** Jira projects, ordered by key (the order of `/project/search`). */
  projects: DemoProject[];
  projectsById: Map<string, DemoProject>;
  projectsByKey: Map<string, DemoProject>;
  issues: Map<string, DemoTask>;
  worklogs: Map<string, DemoWorklog[]>;
  worklogById: Map<string, { task: DemoTask; log: DemoWorklog }>;
  /** The `/worklog/updated` and `/worklog/deleted` feeds, oldest first. */
  updatedFeed: FeedEntry[];
  deletedFeed: FeedEntry[];
  /** Issues matching a query, cached by the query's canonical text. */
  search(query: JqlQuery): DemoTask[];
}

export function buildJiraIndex(org: DemoOrg): JiraIndex {
  const projects = org.projects.filter((project) => project.system === 'jira').sort((a, b) => compare(a.key, b.key));
  const projectsById = new Map(projects.map((project) => [project.id, project]));
  const projectsByKey = new Map(projects.map((project) => [project.key, project]));
  const tasks = org.tasks.filter((task) => projectsById.has(task.projectId));
  const issues = new Map<string, DemoTask>();
  for (const task of tasks) {
    issues.set(task.sourceId, task);
    issues.set(task.key, task);
  }
  const worklogs = new Map<string, DemoWorklog[]>();
  const worklogById = new Map<string, { task: DemoTask; log: DemoWorklog }>();
  const tasksById = new Map(tasks.map((task) => [task.id, task]));
  for (const log of org.worklogs) {
    const task = tasksById.get(log.taskId);
    if (!task) continue;
    const list = worklogs.get(task.id);
    if (list) list.push(log);
    else worklogs.set(task.id, [log]);
    worklogById.set(log.id, { task, log });
  }
  const byTime = (a: FeedEntry, b: FeedEntry) => a.at - b.at || Number(a.id) - Number(b.id);
  const updatedFeed = [...worklogById.values()].map(({ log }) => ({ id: log.id, at: log.updatedAt })).sort(byTime);
  const deletedFeed = (org.deletedWorklogs ?? []).map((gone) => ({ id: gone.id, at: gone.deletedAt })).sort(byTime);
  const orders = {
    created: [...tasks].sort((a, b) => Number(a.sourceId) - Number(b.sourceId)),
    updated: [...tasks].sort((a, b) => a.updatedAt - b.updatedAt || Number(a.sourceId) - Number(b.sourceId)),
    key: [...tasks].sort((a, b) => compare(keyProject(a.key), keyProject(b.key)) || keyNumber(a.key) - keyNumber(b.key)),
  };
  const cache = new Map<string, DemoTask[]>();
  const search = (query: JqlQuery): DemoTask[] => {
    const cached = cache.get(query.canonical);
    if (cached) return cached;
    const wanted = query.projectKeys?.map((key) => {
      const project = projectsByKey.get(key);
      if (!project) throw new JqlError(`The value '${key}' does not exist for the field 'project'.`);
      return project.id;
    });
    const projectIds = wanted ? new Set(wanted) : undefined;
    const from = query.updatedFrom ?? Number.NEGATIVE_INFINITY;
    const ids = query.ids ? new Set(query.ids) : undefined;
    const matches = orders[query.orderBy].filter(
      (task) => task.updatedAt >= from && (!projectIds || projectIds.has(task.projectId)) && (!ids || ids.has(task.sourceId)),
    );
    if (query.descending) matches.reverse();
    cache.set(query.canonical, matches);
    return matches;
  };
  return { org, people: new Map(org.people.map((person) => [person.id, person])), projects, projectsById, projectsByKey, issues, worklogs, worklogById, updatedFeed, deletedFeed, search };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function keyProject(key: string): string {
  return key.slice(0, key.lastIndexOf('-'));
}

function keyNumber(key: string): number {
  return Number(key.slice(key.lastIndexOf('-') + 1));
}
