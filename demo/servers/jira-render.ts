import type { DemoPerson, DemoProject, DemoTask, DemoWorklog, WorkflowStatus } from '../generator/index.ts';

/** Jira's date-time format: `2026-03-02T09:15:00.000+0000`. */
export function jiraTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export const STORY_POINTS_FIELD = 'customfield_10016';

const statusIds: Record<WorkflowStatus, string> = {
  'To Do': '10000',
  'In Progress': '3',
  'In Review': '10001',
  Blocked: '10002',
  Done: '10003',
};

const categories = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
} as const;

export function categoryOf(status: WorkflowStatus): keyof typeof categories {
  return status === 'To Do' ? 'new' : status === 'Done' ? 'done' : 'indeterminate';
}

export function statusId(status: WorkflowStatus): string {
  return statusIds[status];
}

export function renderStatus(origin: string, status: WorkflowStatus): unknown {
  const category = categories[categoryOf(status)];
  return {
    self: `${origin}/rest/api/3/status/${statusIds[status]}`,
    description: '',
    name: status,
    id: statusIds[status],
    statusCategory: { self: `${origin}/rest/api/3/statuscategory/${category.id}`, ...category },
  };
}

/** A user as Jira shows it; `emailAddress` is left out when the person's privacy setting hides it. */
export function renderUser(origin: string, person: DemoPerson): Record<string, unknown> {
  return {
    self: `${origin}/rest/api/3/user?accountId=${encodeURIComponent(person.jiraAccountId)}`,
    accountId: person.jiraAccountId,
    ...(person.hidesEmailInJira ? {} : { emailAddress: person.email }),
    displayName: person.name,
    active: true,
    timeZone: 'Etc/UTC',
    accountType: 'atlassian',
  };
}

export function renderProjectRef(origin: string, project: DemoProject): Record<string, unknown> {
  return {
    self: `${origin}/rest/api/3/project/${project.sourceId}`,
    id: project.sourceId,
    key: project.key,
    name: project.name,
    projectTypeKey: 'software',
    simplified: false,
  };
}

export function renderWorklog(origin: string, task: DemoTask, log: DemoWorklog, author: DemoPerson): unknown {
  const user = renderUser(origin, author);
  const seconds = Math.round(log.hours * 3600);
  return {
    self: `${origin}/rest/api/3/issue/${task.sourceId}/worklog/${log.id}`,
    author: user,
    updateAuthor: user,
    created: jiraTime(log.updatedAt),
    updated: jiraTime(log.updatedAt),
    started: jiraTime(log.startedAt),
    timeSpent: durationText(seconds),
    timeSpentSeconds: seconds,
    id: log.id,
    issueId: task.sourceId,
  };
}

/** Jira's short duration text: `2h 30m`. */
function durationText(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.round((seconds % 3600) / 60);
  return [hours ? `${hours}h` : '', minutes ? `${minutes}m` : ''].filter(Boolean).join(' ') || '0m';
}

/** Every field `/rest/api/3/field` lists: the system fields pmpulse may read and a few custom ones. */
export function fieldCatalogue(): unknown[] {
  const system = (id: string, name: string, type: string) => ({
    id, key: id, name, custom: false, orderable: true, navigable: true, searchable: true,
    clauseNames: [id], schema: { type, system: id },
  });
  const custom = (id: number, name: string, type: string, customType: string) => ({
    id: `customfield_${id}`, key: `customfield_${id}`, name, untranslatedName: name, custom: true,
    orderable: true, navigable: true, searchable: true, clauseNames: [`cf[${id}]`, name],
    schema: { type, custom: customType, customId: id },
  });
  return [
    system('summary', 'Summary', 'string'), system('project', 'Project', 'project'),
    system('issuetype', 'Issue Type', 'issuetype'), system('status', 'Status', 'status'),
    system('assignee', 'Assignee', 'user'), system('reporter', 'Reporter', 'user'),
    system('created', 'Created', 'datetime'), system('updated', 'Updated', 'datetime'),
    system('duedate', 'Due date', 'date'), system('resolutiondate', 'Resolved', 'datetime'),
    system('resolution', 'Resolution', 'resolution'), system('statuscategorychangedate', 'Status Category Changed', 'datetime'),
    system('timeoriginalestimate', 'Original Estimate', 'number'), system('timeestimate', 'Remaining Estimate', 'number'),
    system('timespent', 'Time Spent', 'number'), system('labels', 'Labels', 'array'),
    system('components', 'Components', 'array'), system('priority', 'Priority', 'priority'),
    system('parent', 'Parent', 'issuelink'), system('worklog', 'Log Work', 'array'),
    custom(10020, 'Sprint', 'array', 'com.pyxis.greenhopper.jira:gh-sprint'),
    custom(10016, 'Story point estimate', 'number', 'com.pyxis.greenhopper.jira:jsw-story-points'),
    custom(10031, 'Team', 'team', 'com.atlassian.jira.plugin.system.customfieldtypes:atlassian-team'),
    custom(10045, 'Customer impact', 'option', 'com.atlassian.jira.plugin.system.customfieldtypes:select'),
  ];
}
