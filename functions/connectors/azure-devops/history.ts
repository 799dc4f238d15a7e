import { recordId, type DueChange, type EstimateChange, type Person, type StatusChange, type Task, type TaskStatusValue, type TimeEntry } from '../../domain/index.ts';
import { completedWorkEntries, type WorkStep } from './hours.ts';
import { areaKey, mapAdoPerson } from './map.ts';
import { adoField, AdoIdentitySchema, type AdoIdentity, type AdoRevision } from './schema.ts';

/**
 * One work item's revisions, oldest first, → its task (as of the last revision), its status
 * changes, its time entries (hours.ts) and the people they name. Every figure is computed from the
 * whole history, so the result does not depend on which revisions a sync happened to read.
 *
 * - status: the category of the last revision's state (states.ts); a state the type no longer
 *   lists counts as todo in older revisions and makes the work item unmappable in the last one.
 * - a status change: a revision whose `System.State` differs from the revision before it.
 * - startedAt: the first status change into an in-progress state; doneAt (done items only): the
 *   last status change into a done state from a state that is not done, or the first revision's
 *   `System.ChangedDate` when it has been done since it was created (`doneFrom: changelog`).
 * - dueOn: `Microsoft.VSTS.Scheduling.DueDate`, else `TargetDate`, as its UTC date; dueChanges and
 *   estimateChanges: revisions where that date or `OriginalEstimate` differs from the one before.
 */

export interface WorkItemView {
  source: string;
  depth: number;
  pmField?: string | undefined;
  statusOf(type: string, state: string): TaskStatusValue | undefined;
}

export interface MappedWorkItem {
  task: Task;
  statusChanges: StatusChange[];
  timeEntries: TimeEntry[];
  /** Record ids of time entries a correction withdrew. */
  withdrawnEntries: string[];
  people: Person[];
  projectKey: string;
}

export function mapWorkItem(view: WorkItemView, revisions: readonly AdoRevision[]): MappedWorkItem {
  const { source } = view;
  const last = revisions[revisions.length - 1]!;
  const id = String(last.id);
  const taskId = recordId(source, id);
  const lastFields = last.fields;
  const status = view.statusOf(lastFields[adoField.type], lastFields[adoField.state]);
  if (!status) throw new Error(`state "${lastFields[adoField.state]}" is not a state of work item type "${lastFields[adoField.type]}"`);
  const projectKey = areaKey(lastFields[adoField.areaPath], view.depth);
  const projectId = recordId(source, projectKey);
  const people: Person[] = [];
  const statuses = revisions.map((revision) => (revision === last ? status : (view.statusOf(revision.fields[adoField.type], revision.fields[adoField.state]) ?? 'todo')));

  const statusChanges: StatusChange[] = [];
  const dueChanges: DueChange[] = [];
  const estimateChanges: EstimateChange[] = [];
  let startedAt: string | undefined;
  let doneAt: string | undefined = statuses[0] === 'done' ? revisions[0]!.fields[adoField.changedDate] : undefined;
  for (let k = 1; k < revisions.length; k += 1) {
    const before = revisions[k - 1]!.fields;
    const after = revisions[k]!.fields;
    const at = after[adoField.changedDate];
    if (after[adoField.state] !== before[adoField.state]) {
      const from = statuses[k - 1]!;
      const to = statuses[k]!;
      statusChanges.push({ id: recordId(source, `${id}.${revisions[k]!.rev}`), source, sourceId: `${id}.${revisions[k]!.rev}`, taskId, at, fromStatus: before[adoField.state], toStatus: after[adoField.state], from, to });
      if (to === 'in_progress' && startedAt === undefined) startedAt = at;
      if (to === 'done' && from !== 'done') doneAt = at;
    }
    const dueBefore = dueOf(before);
    const dueAfter = dueOf(after);
    if (dueBefore !== dueAfter) dueChanges.push({ at, ...(dueBefore ? { from: dueBefore } : {}), ...(dueAfter ? { to: dueAfter } : {}) });
    const estimateBefore = before[adoField.originalEstimate] ?? undefined;
    const estimateAfter = after[adoField.originalEstimate] ?? undefined;
    if (estimateBefore !== estimateAfter) estimateChanges.push({ at, ...(estimateBefore !== undefined ? { fromHours: estimateBefore } : {}), ...(estimateAfter !== undefined ? { toHours: estimateAfter } : {}) });
  }

  const task: Task = {
    id: taskId,
    source,
    sourceId: id,
    projectId,
    title: lastFields[adoField.title],
    type: lastFields[adoField.type],
    status,
    originalStatus: lastFields[adoField.state],
    createdAt: lastFields[adoField.createdDate],
    updatedAt: lastFields[adoField.changedDate],
    tags: tagsOf(lastFields[adoField.tags]),
  };
  const assignee = lastFields[adoField.assignedTo];
  if (assignee) {
    task.assigneeId = recordId(source, assignee.id);
    people.push(mapAdoPerson(source, assignee));
  }
  const dueOn = dueOf(lastFields);
  if (dueOn) task.dueOn = dueOn;
  if (startedAt) task.startedAt = startedAt;
  if (status === 'done' && doneAt) {
    task.doneAt = doneAt;
    task.doneFrom = 'changelog';
  }
  if (dueChanges.length) task.dueChanges = dueChanges;
  if (estimateChanges.length) task.estimateChanges = estimateChanges;
  const estimate = lastFields[adoField.originalEstimate];
  if (estimate != null) task.estimateHours = estimate;
  const completed = lastFields[adoField.completedWork];
  if (completed != null) task.spentHours = completed;
  const points = lastFields[adoField.storyPoints];
  if (points != null) task.storyPoints = points;
  const parent = lastFields[adoField.parent];
  if (parent != null) task.parentId = recordId(source, String(parent));
  const pm = view.pmField ? AdoIdentitySchema.safeParse(lastFields[view.pmField]) : undefined;
  if (pm?.success) {
    task.pmFieldId = recordId(source, pm.data.id);
    people.push(mapAdoPerson(source, pm.data));
  }

  const reporters = new Map<string, AdoIdentity>();
  const steps: WorkStep[] = revisions.map((revision) => {
    const who: AdoIdentity | null | undefined = revision.fields[adoField.changedBy] ?? revision.fields[adoField.assignedTo];
    if (who) reporters.set(recordId(source, who.id), who);
    return { rev: revision.rev, at: revision.fields[adoField.changedDate], completedWork: revision.fields[adoField.completedWork] ?? undefined, personId: who ? recordId(source, who.id) : undefined };
  });
  const ledger = completedWorkEntries(steps);
  for (const personId of new Set(ledger.entries.map((entry) => entry.personId))) people.push(mapAdoPerson(source, reporters.get(personId)!));
  const timeEntries: TimeEntry[] = ledger.entries.map((entry) => ({
    id: recordId(source, `${id}.${entry.rev}`),
    source,
    sourceId: `${id}.${entry.rev}`,
    taskId,
    projectId,
    personId: entry.personId,
    date: entry.at.slice(0, 10),
    startedAt: entry.at,
    hours: entry.hours,
    updatedAt: entry.at,
  }));
  return { task, statusChanges, timeEntries, withdrawnEntries: ledger.withdrawn.map((rev) => recordId(source, `${id}.${rev}`)), people, projectKey };
}

/** The UTC date of DueDate, else TargetDate. */
function dueOf(fields: AdoRevision['fields']): string | undefined {
  return (fields[adoField.dueDate] ?? fields[adoField.targetDate])?.slice(0, 10);
}

/** `System.Tags` is one text, tags separated by "; ". */
function tagsOf(text: string | null | undefined): string[] {
  return [...new Set((text ?? '').split(';').map((tag) => tag.trim()).filter((tag) => tag.length > 0))];
}
