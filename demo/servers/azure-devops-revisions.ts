import type { DemoPerson, DemoTask, DemoWorklog, WorkflowStatus } from '../generator/index.ts';
import { adoIdentityId } from '../generator/variations/azure-devops-projects.ts';

/**
 * A demo task as Azure DevOps keeps it: a chain of revisions, each holding every field's value
 * after one save. The first is the creation; then each status move, each re-plan, and each
 * worklog, which Azure DevOps has no record for: the person saves the work item with
 * `CompletedWork` raised by the hours (dated when the work started). State names are the demo
 * workflow's own, in a process whose states carry the matching categories (STATES).
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface RevisionJson {
  id: number;
  rev: number;
  fields: Record<string, Json>;
  url: string;
}

/** Every work item type's states with their categories, as the process defines them. */
export const STATES: { name: WorkflowStatus | 'Removed'; color: string; category: string }[] = [
  { name: 'To Do', color: 'b2b2b2', category: 'Proposed' },
  { name: 'In Progress', color: '007acc', category: 'InProgress' },
  { name: 'Blocked', color: 'cc293d', category: 'InProgress' },
  { name: 'In Review', color: 'ff9d00', category: 'Resolved' },
  { name: 'Done', color: '339933', category: 'Completed' },
  { name: 'Removed', color: 'ffffff', category: 'Removed' },
];

interface Plan {
  state: WorkflowStatus;
  assignee: string | null;
  due: string | null;
  estimate: number | null;
  completed: number;
}

interface Edit {
  at: number;
  by: string;
  apply(plan: Plan): void;
}

export interface RevisionContext {
  origin: string;
  projectName: string;
  areaPath: string;
  people: ReadonlyMap<string, DemoPerson>;
}

export function identityOf(origin: string, person: DemoPerson): { [key: string]: Json } {
  const id = adoIdentityId(person);
  return { displayName: person.name, url: `${origin}/_apis/Identities/${id}`, id, uniqueName: person.email, imageUrl: `${origin}/_apis/GraphProfile/MemberAvatars/${id}`, descriptor: `aad.${Buffer.from(id).toString('base64url')}` };
}

export function taskRevisions(context: RevisionContext, task: DemoTask, worklogs: readonly DemoWorklog[]): RevisionJson[] {
  const firstDue = task.replans?.find((replan) => replan.due);
  const firstEstimate = task.replans?.find((replan) => replan.estimate);
  const firstAssign = task.history.find((change) => change.assigneeFrom !== undefined);
  const plan: Plan = {
    state: task.history[0]?.from ?? task.workflowStatus,
    assignee: firstAssign ? (firstAssign.assigneeFrom ?? null) : task.assigneeId,
    due: firstDue ? firstDue.due!.from : task.dueOn,
    estimate: firstEstimate ? firstEstimate.estimate!.from : task.estimateHours,
    completed: 0,
  };
  const edits: Edit[] = [
    ...task.history.map((change): Edit => ({ at: change.at, by: change.authorId, apply: (p) => { p.state = change.to; if (change.assigneeTo !== undefined) p.assignee = change.assigneeTo; } })),
    ...(task.replans ?? []).map((replan): Edit => ({ at: replan.at, by: replan.authorId, apply: (p) => { if (replan.due) p.due = replan.due.to; if (replan.estimate) p.estimate = replan.estimate.to; } })),
    ...worklogs.map((log): Edit => ({ at: log.startedAt, by: log.personId, apply: (p) => { p.completed = Math.round((p.completed + log.hours) * 1e6) / 1e6; } })),
  ].sort((a, b) => a.at - b.at);
  const revisions: RevisionJson[] = [render(context, task, 1, task.createdAt, task.reporterId, plan)];
  let at = task.createdAt;
  for (const edit of edits) {
    // Azure DevOps dates each revision after the one before it.
    at = Math.max(edit.at, at + 1);
    edit.apply(plan);
    revisions.push(render(context, task, revisions.length + 1, at, edit.by, plan));
  }
  if (plan.assignee !== task.assigneeId || plan.due !== task.dueOn || plan.estimate !== task.estimateHours) {
    Object.assign(plan, { assignee: task.assigneeId, due: task.dueOn, estimate: task.estimateHours });
    revisions.push(render(context, task, revisions.length + 1, at + 1, task.assigneeId ?? task.reporterId, plan));
  }
  return revisions;
}

function render(context: RevisionContext, task: DemoTask, rev: number, at: number, by: string, plan: Plan): RevisionJson {
  const person = (id: string) => identityOf(context.origin, context.people.get(id)!);
  const fields: Record<string, Json> = {
    'System.Id': Number(task.sourceId),
    'System.AreaPath': context.areaPath,
    'System.TeamProject': context.projectName,
    'System.IterationPath': context.projectName,
    'System.WorkItemType': task.type,
    'System.State': plan.state,
    'System.Reason': rev === 1 ? 'New' : 'Edited',
    'System.CreatedDate': new Date(task.createdAt).toISOString(),
    'System.CreatedBy': person(task.reporterId),
    'System.ChangedDate': new Date(at).toISOString(),
    'System.ChangedBy': person(by),
    'System.Title': task.title,
    'System.Rev': rev,
  };
  if (plan.assignee) fields['System.AssignedTo'] = person(plan.assignee);
  const tags = [...new Set([...task.labels, ...(task.component ? [task.component] : [])])];
  if (tags.length) fields['System.Tags'] = tags.join('; ');
  if (plan.estimate !== null) fields['Microsoft.VSTS.Scheduling.OriginalEstimate'] = plan.estimate;
  if (plan.completed > 0) fields['Microsoft.VSTS.Scheduling.CompletedWork'] = plan.completed;
  if (plan.due !== null) fields['Microsoft.VSTS.Scheduling.DueDate'] = `${plan.due}T00:00:00Z`;
  if (task.storyPoints !== null) fields['Microsoft.VSTS.Scheduling.StoryPoints'] = task.storyPoints;
  return { id: Number(task.sourceId), rev, fields, url: `${context.origin}/_apis/wit/workItems/${task.sourceId}/revisions/${rev}` };
}
