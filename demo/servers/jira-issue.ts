import type { DemoPerson, DemoTask } from '../generator/index.ts';
import type { JiraIndex } from './jira-index.ts';
import { PM_FIELD, pmFieldOf } from '../generator/variations/project-ownership.ts';
import { storyPointRenderers } from './jira-story-points.ts';
import { issueTypeIds } from './jira-issue-types.ts';
import {
  categoryOf, jiraTime, renderProjectRef, renderStatus, renderUser, renderWorklog,
} from './jira-render.ts';

type FieldRenderer = (task: DemoTask, context: IssueContext) => unknown;

interface IssueContext {
  index: JiraIndex;
  origin: string;
  user(personId: string): Record<string, unknown>;
}

const EMBEDDED_WORKLOGS = 20;
const priorityIds = { Highest: '1', High: '2', Medium: '3', Low: '4' } as const;

const renderers: Record<string, FieldRenderer> = {
  summary: (task) => task.title,
  project: (task, c) => renderProjectRef(c.origin, c.index.projectsById.get(task.projectId)!),
  issuetype: (task, c) => ({
    self: `${c.origin}/rest/api/3/issuetype/${issueTypeIds[task.type]}`,
    id: issueTypeIds[task.type], name: task.type, subtask: false, hierarchyLevel: 0,
  }),
  status: (task, c) => renderStatus(c.origin, task.workflowStatus),
  assignee: (task, c) => (task.assigneeId ? c.user(task.assigneeId) : null),
  reporter: (task, c) => c.user(task.reporterId),
  creator: (task, c) => c.user(task.reporterId),
  created: (task) => jiraTime(task.createdAt),
  updated: (task) => jiraTime(task.updatedAt),
  duedate: (task) => task.dueOn,
  resolutiondate: (task, c) => (!resolved(task, c) ? null : jiraTime(task.doneAt!)),
  resolution: (task, c) => (!resolved(task, c) ? null : { self: `${c.origin}/rest/api/3/resolution/10000`, id: '10000', name: 'Done' }),
  statuscategorychangedate: (task) => jiraTime(categoryChangedAt(task)),
  timeoriginalestimate: (task) => hoursToSeconds(task.estimateHours),
  aggregatetimeoriginalestimate: (task) => hoursToSeconds(task.estimateHours),
  timeestimate: (task) => remainingSeconds(task),
  timespent: (task) => (task.spentHours > 0 ? hoursToSeconds(task.spentHours) : null),
  aggregatetimespent: (task) => (task.spentHours > 0 ? hoursToSeconds(task.spentHours) : null),
  labels: (task) => task.labels,
  components: (task, c) => (task.component ? [{ self: `${c.origin}/rest/api/3/component/${componentId(task.component)}`, id: componentId(task.component), name: task.component }] : []),
  priority: (task, c) => ({ self: `${c.origin}/rest/api/3/priority/${priorityIds[task.priority]}`, id: priorityIds[task.priority], name: task.priority }),
  ...storyPointRenderers,
  customfield_10020: () => null,
  [PM_FIELD.id]: (task, c) => {
    const person = pmFieldOf(c.index.projectsById.get(task.projectId)!, Number(task.key.slice(task.key.lastIndexOf('-') + 1)));
    return person === null ? null : c.user(person);
  },
  worklog: (task, c) => {
    const logs = c.index.worklogs.get(task.id) ?? [];
    return {
      startAt: 0,
      maxResults: EMBEDDED_WORKLOGS,
      total: logs.length,
      worklogs: logs.slice(0, EMBEDDED_WORKLOGS).map((log) => renderWorklog(c.origin, task, log, c.index.people.get(log.personId)!)),
    };
  },
};

/** Field ids `*all` and `*navigable` stand for. */
export const ALL_FIELDS = Object.keys(renderers);

/**
 * The issue as `/search/jql` returns it: only `id` when no field was asked for (the API's default),
 * otherwise the named fields that exist; unknown names are skipped as Jira does.
 */
export function renderIssue(index: JiraIndex, origin: string, task: DemoTask, fields: readonly string[] | undefined): unknown {
  if (!fields || fields.length === 0) return { id: task.sourceId };
  const context: IssueContext = { index, origin, user: (personId) => renderUser(origin, index.people.get(personId) as DemoPerson) };
  const rendered: Record<string, unknown> = {};
  for (const field of fields) {
    const renderer = renderers[field];
    if (renderer) rendered[field] = renderer(task, context);
  }
  return {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: task.sourceId,
    self: `${origin}/rest/api/3/issue/${task.sourceId}`,
    key: task.key,
    fields: rendered,
  };
}

/** Reads `fields` as Jira does: names, `*all`, `*navigable`, and `-name` to leave one out. */
export function selectFields(requested: readonly string[]): string[] | undefined {
  const names = requested.flatMap((entry) => entry.split(',')).map((name) => name.trim()).filter(Boolean);
  if (names.length === 0) return undefined;
  const selected = new Set<string>();
  for (const name of names) {
    if (name === '*all' || name === '*navigable') ALL_FIELDS.forEach((field) => selected.add(field));
    else if (!name.startsWith('-')) selected.add(name);
  }
  for (const name of names) if (name.startsWith('-')) selected.delete(name.slice(1));
  const list = [...selected];
  return list.length === 1 && list[0] === 'id' ? undefined : list.filter((name) => name !== 'id');
}

/** Done with a resolution, unless the project's workflow never sets one (the demo's no-resolution variation). */
function resolved(task: DemoTask, c: IssueContext): boolean {
  return task.doneAt !== null && !c.index.projectsById.get(task.projectId)?.setsNoResolution;
}

function categoryChangedAt(task: DemoTask): number {
  let at = task.createdAt;
  for (const change of task.history) if (categoryOf(change.from) !== categoryOf(change.to)) at = change.at;
  return at;
}

function hoursToSeconds(hours: number | null): number | null {
  return hours === null ? null : Math.round(hours * 3600);
}

function remainingSeconds(task: DemoTask): number | null {
  if (task.status === 'done') return task.estimateHours === null && task.spentHours === 0 ? null : 0;
  if (task.estimateHours === null) return task.spentHours > 0 ? 0 : null;
  return Math.round(Math.max(0, task.estimateHours - task.spentHours) * 3600);
}

function componentId(name: string): string {
  return String(10100 + [...name].reduce((sum, char) => sum + char.charCodeAt(0), 0));
}
