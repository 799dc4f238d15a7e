import { createHash } from 'node:crypto';
import type { DemoOrg, DemoPerson, DemoProject, DemoTask, WorkflowStatus } from '../generator/index.ts';
import { connection } from './linear-relay.ts';

/**
 * The demo organisation's Linear projects as Linear's objects. Each project has a team of its own
 * whose key is the project key, so issue identifiers are the demo's task keys (`ABC-12`). Ids are
 * UUIDs derived from the demo ids. Nested connections are functions of their arguments, as
 * graphql-js calls them. Workflow states carry the Jira workflow's names with Linear's state types.
 */

export const linearStateTypes: Record<WorkflowStatus, string> = {
  'To Do': 'unstarted',
  'In Progress': 'started',
  'In Review': 'started',
  Blocked: 'started',
  Done: 'completed',
};

type Args = { first?: number | null; after?: string | null };

export interface LinearRecords {
  teams: Record<string, unknown>[];
  users: Record<string, unknown>[];
  projects: Record<string, unknown>[];
  /** Oldest change first: the order of `orderBy: updatedAt`. */
  issues: LinearIssueRecord[];
  issuesById: Map<string, LinearIssueRecord>;
}

export interface LinearIssueRecord extends Record<string, unknown> {
  id: string;
  updatedAt: string;
  archivedAt: string | null;
  team: { key: string };
}

export function uuidOf(kind: string, id: string): string {
  const hex = createHash('sha1').update(`${kind}:${id}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function buildLinearRecords(org: DemoOrg): LinearRecords {
  const projects = org.projects.filter((project) => project.system === 'linear').sort((a, b) => a.key.localeCompare(b.key));
  const users = new Map(org.people.map((person) => [person.id, userRecord(person)]));
  const portfolios = new Map(org.portfolios.map((portfolio) => [portfolio.id, portfolio.name]));
  const teams = new Map(projects.map((project) => [project.id, teamRecord(project)]));
  const projectRecords = new Map(projects.map((project) => [project.id, projectRecord(project, teams.get(project.id)!, users, portfolios)]));
  const issues = org.tasks
    .filter((task) => projectRecords.has(task.projectId))
    .map((task) => issueRecord(task, teams.get(task.projectId)!, projectRecords.get(task.projectId)!, users))
    .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id));
  return {
    teams: [...teams.values()],
    users: [...users.values()],
    projects: [...projectRecords.values()],
    issues,
    issuesById: new Map(issues.flatMap((issue) => [[issue.id, issue], [issue.identifier as string, issue]])),
  };
}

function userRecord(person: DemoPerson): Record<string, unknown> {
  return { id: uuidOf('user', person.id), name: person.name, displayName: person.name.split(' ')[0]!.toLowerCase(), email: person.email, active: true };
}

function stateRecord(project: DemoProject, status: WorkflowStatus) {
  return { id: uuidOf('state', `${project.id}:${status}`), name: status, type: linearStateTypes[status] };
}

function teamRecord(project: DemoProject): Record<string, unknown> & { key: string } {
  const states = (Object.keys(linearStateTypes) as WorkflowStatus[]).map((status) => stateRecord(project, status));
  return {
    id: uuidOf('team', project.id), key: project.key, name: project.name, issueEstimationType: 'fibonacci', archivedAt: null,
    states: (args: Args) => connection(states, args, `states:${project.id}`),
  };
}

function projectRecord(project: DemoProject, team: Record<string, unknown>, users: Map<string, Record<string, unknown>>, portfolios: Map<string, string>): Record<string, unknown> {
  const initiatives = [{ id: uuidOf('initiative', project.portfolioId), name: portfolios.get(project.portfolioId) ?? project.portfolioId }];
  return {
    id: uuidOf('project', project.id), name: project.name, createdAt: iso(project.createdAt), updatedAt: iso(project.modifiedAt), archivedAt: null, trashed: false,
    // The PM leads the project: Linear has no PM field, so a company on Linear keeps its PM as lead.
    lead: users.get(project.pmId) ?? null,
    initiatives: (args: Args) => connection(initiatives, args, `initiatives:${project.id}`),
    labels: (args: Args) => connection([], args, `project-labels:${project.id}`),
    teams: (args: Args) => connection([team], args, `project-teams:${project.id}`),
  };
}

function issueRecord(task: DemoTask, team: Record<string, unknown> & { key: string }, project: Record<string, unknown>, users: Map<string, Record<string, unknown>>): LinearIssueRecord {
  const demoProject = { id: task.projectId } as DemoProject;
  // The type is a label (Linear has no issue types), first, as the connector reads the first type label.
  const labels = [...new Set([task.type, ...task.labels, ...(task.component ? [task.component] : [])])].map((name) => ({ id: uuidOf('label', name), name }));
  const moves = task.history.map((change) => ({
    id: uuidOf('history', change.id), createdAt: iso(change.at), fromState: stateRecord(demoProject, change.from), toState: stateRecord(demoProject, change.to), fromDueDate: null, toDueDate: null,
  }));
  const replans = (task.replans ?? []).filter((replan) => replan.due).map((replan) => ({
    id: uuidOf('history', replan.id), createdAt: iso(replan.at), fromState: null, toState: null, fromDueDate: replan.due!.from, toDueDate: replan.due!.to,
  }));
  const history = [...moves, ...replans].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const done = task.workflowStatus === 'Done';
  return {
    id: uuidOf('issue', task.id), identifier: task.key, title: task.title,
    createdAt: iso(task.createdAt), updatedAt: iso(task.updatedAt),
    startedAt: task.startedAt === null ? null : iso(task.startedAt),
    completedAt: done && task.doneAt !== null ? iso(task.doneAt) : null,
    canceledAt: null, archivedAt: null, trashed: false,
    dueDate: task.dueOn, estimate: task.storyPoints, previousIdentifiers: [],
    state: stateRecord(demoProject, task.workflowStatus),
    team, project, assignee: task.assigneeId ? (users.get(task.assigneeId) ?? null) : null, parent: null,
    labels: (args: Args) => connection(labels, args, `labels:${task.id}`),
    history: (args: Args) => connection(history, args, `history:${task.id}`),
  };
}
