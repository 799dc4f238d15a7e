import { recordId, type Person, type Project, type Task, type TaskStatusValue, type TimeEntry } from '../../domain/index.ts';
import { withColonOffset, type JiraIssue, type JiraProject, type JiraUser, type JiraWorklog } from './schema.ts';
import { storyPointsOf } from './story-points.ts';

/** Jira records (already validated) → domain records. Pure: no I/O, no clock. */

const secondsPerHour = 3600;

/** Jira's three status categories are the normalised statuses; the status name is kept beside. */
export function jiraStatus(categoryKey: string): TaskStatusValue {
  if (categoryKey === 'done') return 'done';
  if (categoryKey === 'indeterminate') return 'in_progress';
  return 'todo';
}

export function mapJiraPerson(source: string, user: JiraUser): Person {
  const person: Person = { id: recordId(source, user.accountId), source, sourceId: user.accountId, name: personName(user) };
  if (user.emailAddress) person.email = user.emailAddress;
  if (user.active === false) person.active = false;
  return person;
}

/**
 * Jira names every deleted account "Former user": the end of the account id tells them apart on
 * the pages (their hours stay under each account id, so they never merge).
 */
function personName(user: JiraUser): string {
  const deleted = user.active === false && (user.displayName === '' || user.displayName === 'Former user');
  return deleted ? `Former user …${user.accountId.slice(-6)}` : user.displayName;
}

export function mapJiraProject(source: string, project: JiraProject): Project {
  const mapped: Project = { id: recordId(source, project.id), source, sourceId: project.id, key: project.key, name: project.name, tags: [] };
  if (project.lead) mapped.pmId = recordId(source, project.lead.accountId);
  if (project.projectCategory?.name) mapped.portfolio = project.projectCategory.name;
  return mapped;
}

/** `storyPointsFields`: the site's story-point field ids (story-points.ts); the first one the issue carries counts. */
export function mapJiraIssue(source: string, issue: JiraIssue, storyPointsFields: readonly string[] = []): Task {
  const { fields } = issue;
  const status = jiraStatus(fields.status.statusCategory.key);
  const task: Task = {
    id: recordId(source, issue.id),
    source,
    sourceId: issue.id,
    projectId: recordId(source, fields.project.id),
    title: fields.summary,
    status,
    originalStatus: fields.status.name,
    createdAt: fields.created,
    updatedAt: fields.updated,
    tags: unique([...(fields.labels ?? []), ...(fields.components ?? []).map((component) => component.name)]),
  };
  if (fields.issuetype?.name) task.type = fields.issuetype.name;
  if (fields.assignee) task.assigneeId = recordId(source, fields.assignee.accountId);
  if (fields.duedate) task.dueOn = fields.duedate;
  // Many workflows never set a resolution: then the category change dates the completion, unless
  // the changelog names the last move into done (changelog.ts, which reads it after this).
  const doneAt = status !== 'done' ? undefined : fields.resolutiondate ?? fields.statuscategorychangedate;
  if (doneAt) {
    task.doneAt = doneAt;
    task.doneFrom = fields.resolutiondate ? 'resolution' : 'statusCategoryChange';
  }
  // Without the changelog, the last move into the in-progress category is the best start we know;
  // it is the first move unless the issue went back to "to do" and was picked up again.
  if (status === 'in_progress' && fields.statuscategorychangedate) task.startedAt = fields.statuscategorychangedate;
  if (fields.timeoriginalestimate != null) task.estimateHours = fields.timeoriginalestimate / secondsPerHour;
  if (fields.timespent != null) task.spentHours = fields.timespent / secondsPerHour;
  if (fields.parent) task.parentId = recordId(source, fields.parent.id);
  const points = storyPointsOf(fields, storyPointsFields);
  if (points !== undefined) task.storyPoints = points;
  return task;
}

/** The issue a worklog belongs to, as the connector already mapped it. */
export interface WorklogOwner {
  taskId: string;
  projectId: string;
}

export function mapJiraWorklog(source: string, worklog: JiraWorklog, owner: WorklogOwner): TimeEntry {
  const entry: TimeEntry = {
    id: recordId(source, worklog.id),
    source,
    sourceId: worklog.id,
    taskId: owner.taskId,
    projectId: owner.projectId,
    personId: recordId(source, worklog.author.accountId),
    date: worklog.started.slice(0, 10),
    hours: worklog.timeSpentSeconds / secondsPerHour,
  };
  // The instant too, so with kpi.timeZone the entry's day is taken in that zone (zone-day.ts).
  const startedAt = withColonOffset(worklog.started);
  if (startedAt !== undefined) entry.startedAt = startedAt;
  if (worklog.updated) entry.updatedAt = worklog.updated;
  return entry;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter((value) => value.length > 0))];
}
