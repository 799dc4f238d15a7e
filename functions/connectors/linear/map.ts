import { recordId, type DueChange, type Person, type Project, type StatusChange, type Task, type TaskStatusValue } from '../../domain/index.ts';
import type { LinearHistory, LinearIssue, LinearProject, LinearTeam, LinearUser } from './schema.ts';

/**
 * Validated Linear nodes → domain records. Pure: no I/O, no clock.
 *
 * Ids. A task is keyed by its identifier (`ENG-123`), which is what a timesheet row names, so a
 * csv source's `issueKeys` joins hours to it with no lookup (functions/config/csv-issue-keys.ts).
 * An issue moved to another team gets a new identifier; Linear lists the old ones in
 * `previousIdentifiers`, and the connector deletes the records kept under them. Projects, people
 * and history entries keep Linear's ids. An issue in no project belongs to its team's project
 * (`team:<team id>`, named after the team), so every task has a project.
 */

/** Linear's state types → pmpulse's three statuses. Canceled is closed, as Jira's "Won't Do" sits in the done category. */
export function linearStatus(type: LinearIssue['state']['type']): TaskStatusValue {
  if (type === 'started') return 'in_progress';
  if (type === 'completed' || type === 'canceled') return 'done';
  return 'todo';
}

export function mapLinearPerson(source: string, user: LinearUser): Person {
  const person: Person = { id: recordId(source, user.id), source, sourceId: user.id, name: user.name || user.displayName || '' };
  if (user.email) person.email = user.email.toLowerCase();
  if (!user.active) person.active = false;
  return person;
}

/** The portfolio is the project's first initiative; the lead is the PM. */
export function mapLinearProject(source: string, project: LinearProject): Project {
  const mapped: Project = { id: recordId(source, project.id), source, sourceId: project.id, name: project.name, tags: unique(project.labels.nodes.map((label) => label.name)), updatedAt: project.updatedAt };
  if (project.lead) mapped.pmId = recordId(source, project.lead.id);
  const initiative = project.initiatives.nodes[0]?.name;
  if (initiative) mapped.portfolio = initiative;
  return mapped;
}

/** The project of a team's issues that are in no project. */
export function teamProject(source: string, team: LinearTeam): Project {
  const sourceId = teamProjectSourceId(team.id);
  return { id: recordId(source, sourceId), source, sourceId, key: team.key, name: team.name, tags: [] };
}

export function teamProjectSourceId(teamId: string): string {
  return `team:${teamId}`;
}

/**
 * Linear has no issue types; teams mark them with labels (its default labels are Bug, Feature and
 * Improvement). A label with one of these names is the task's type (the first one), not a tag:
 * "Milestone" is what the milestone KPI counts, as Jira's issue type.
 */
export const typeLabels = new Set(['milestone', 'bug', 'feature', 'improvement', 'story', 'task', 'epic']);

/** `history` is the issue's whole history (the issue page's first entries and any further pages). */
export function mapLinearIssue(source: string, issue: LinearIssue, history: readonly LinearHistory[]): Task {
  const status = linearStatus(issue.state.type);
  const projectSourceId = issue.project ? issue.project.id : teamProjectSourceId(issue.team.id);
  const task: Task = {
    id: recordId(source, issue.identifier),
    source,
    sourceId: issue.identifier,
    projectId: recordId(source, projectSourceId),
    title: issue.title,
    status,
    originalStatus: issue.state.name,
    createdAt: issue.createdAt,
    updatedAt: issue.updatedAt,
    tags: unique(issue.labels.nodes.map((label) => label.name).filter((name) => !typeLabels.has(name.toLowerCase()))),
  };
  const type = issue.labels.nodes.find((label) => typeLabels.has(label.name.toLowerCase()))?.name;
  if (type) task.type = type;
  if (issue.assignee) task.assigneeId = recordId(source, issue.assignee.id);
  if (issue.dueDate) task.dueOn = issue.dueDate;
  if (issue.startedAt) task.startedAt = issue.startedAt;
  const doneAt = issue.state.type === 'canceled' ? issue.canceledAt : issue.completedAt;
  if (status === 'done' && doneAt) task.doneAt = doneAt;
  if (issue.estimate !== null && issue.estimate !== undefined) task.storyPoints = issue.estimate;
  if (issue.parent) task.parentId = recordId(source, issue.parent.identifier);
  const dueChanges = dueChangesOf(history);
  if (dueChanges.length) task.dueChanges = dueChanges;
  return task;
}

/** Each history entry that moved the issue to another state; entries without a state move are left out. */
export function mapLinearStatusChanges(source: string, issue: LinearIssue, history: readonly LinearHistory[]): StatusChange[] {
  return history
    .filter((entry) => entry.toState && entry.toState.name !== entry.fromState?.name)
    .map((entry) => {
      const change: StatusChange = {
        id: recordId(source, entry.id),
        source,
        sourceId: entry.id,
        taskId: recordId(source, issue.identifier),
        at: entry.createdAt,
        toStatus: entry.toState!.name,
        to: linearStatus(entry.toState!.type),
      };
      if (entry.fromState) {
        change.fromStatus = entry.fromState.name;
        change.from = linearStatus(entry.fromState.type);
      }
      return change;
    })
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** Due-date changes, oldest first: the baseline and re-plans are read from them (docs/kpi-catalogue.md). */
function dueChangesOf(history: readonly LinearHistory[]): DueChange[] {
  return history
    .filter((entry) => (entry.fromDueDate ?? null) !== (entry.toDueDate ?? null))
    .map((entry) => {
      const change: DueChange = { at: entry.createdAt };
      if (entry.fromDueDate) change.from = entry.fromDueDate;
      if (entry.toDueDate) change.to = entry.toDueDate;
      return change;
    })
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
