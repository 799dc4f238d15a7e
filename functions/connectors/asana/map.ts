import { recordId, type Person, type Project, type Task, type TaskStatusValue, type TimeEntry } from '../../domain/index.ts';
import { defaultAsanaFieldRefs, findCustomField, peopleFieldPerson, type AsanaFieldRefs } from './custom-fields.ts';
import { customFieldNames, type AsanaCustomField, type AsanaProject, type AsanaTask, type AsanaTimeEntry, type AsanaUser } from './schema.ts';

/** Asana records (already validated) → domain records. Pure: no I/O, no clock. */

/** Sections that mean work has started though the task is not completed. */
const inProgressSections = new Set(['in progress', 'blocked']);
const noSection = 'No section';

export function mapAsanaPerson(source: string, user: AsanaUser): Person {
  const person: Person = { id: recordId(source, user.gid), source, sourceId: user.gid, name: user.name ?? '' };
  if (user.email) person.email = user.email;
  return person;
}

/** `portfolio` is the name of the portfolio holding the project, when one does. */
export function mapAsanaProject(source: string, project: AsanaProject, portfolio: string | undefined, refs = defaultAsanaFieldRefs(source)): Project {
  const theme = fieldText(findCustomField(project.custom_fields, refs.theme, `${refs.key}.theme`));
  const mapped: Project = { id: recordId(source, project.gid), source, sourceId: project.gid, name: project.name, tags: theme ? [theme] : [] };
  if (project.owner) mapped.pmId = recordId(source, project.owner.gid);
  const fieldPm = refs.pm === undefined ? undefined : peopleFieldPerson(source, findCustomField(project.custom_fields, refs.pm, `${refs.key}.pm`));
  if (fieldPm) mapped.pmFieldId = fieldPm.id;
  if (portfolio) mapped.portfolio = portfolio;
  return mapped;
}

/** Completion decides "done"; otherwise the board section is the workflow status. */
export function asanaStatus(task: Pick<AsanaTask, 'completed' | 'memberships'>): { status: TaskStatusValue; originalStatus: string } {
  if (task.completed) return { status: 'done', originalStatus: 'Completed' };
  const section = task.memberships.map((membership) => membership.section?.name).find((name) => name);
  if (!section) return { status: 'todo', originalStatus: noSection };
  return { status: inProgressSections.has(section.trim().toLowerCase()) ? 'in_progress' : 'todo', originalStatus: section };
}

export function mapAsanaTask(source: string, task: AsanaTask, projectGid: string, refs: AsanaFieldRefs = defaultAsanaFieldRefs(source)): Task {
  const mapped: Task = {
    id: recordId(source, task.gid),
    source,
    sourceId: task.gid,
    projectId: recordId(source, projectGid),
    title: task.name,
    ...asanaStatus(task),
    createdAt: task.created_at,
    updatedAt: task.modified_at,
    tags: taskTags(task, refs),
  };
  // Asana marks milestones by subtype, not by a field; the milestone KPI reads the task type.
  if (task.resource_subtype === 'milestone') mapped.type = 'Milestone';
  if (task.assignee) mapped.assigneeId = recordId(source, task.assignee.gid);
  const dueOn = task.due_on ?? task.due_at?.slice(0, 10);
  if (dueOn) mapped.dueOn = dueOn;
  if (task.completed && task.completed_at) mapped.doneAt = task.completed_at;
  const estimate = findCustomField(task.custom_fields, refs.estimate, `${refs.key}.estimate`)?.number_value;
  if (typeof estimate === 'number' && estimate >= 0) mapped.estimateHours = estimate;
  const points = findCustomField(task.custom_fields, refs.storyPoints, refs.key.replace(/\.fields$/, '.storyPointsField'))?.number_value;
  if (typeof points === 'number' && points >= 0) mapped.storyPoints = points;
  if (task.actual_time_minutes != null) mapped.spentHours = task.actual_time_minutes / 60;
  if (task.parent) mapped.parentId = recordId(source, task.parent.gid);
  return mapped;
}

/** The task whose entries these are, as the connector mapped it. */
export interface EntryOwner {
  taskId: string;
  projectId: string;
}

export function mapAsanaTimeEntry(source: string, entry: AsanaTimeEntry, owner: EntryOwner): TimeEntry {
  return {
    id: recordId(source, entry.gid),
    source,
    sourceId: entry.gid,
    taskId: owner.taskId,
    // A task in several projects says which one's budget the time counts toward.
    projectId: entry.attributable_to ? recordId(source, entry.attributable_to.gid) : owner.projectId,
    personId: recordId(source, entry.created_by.gid),
    date: entry.entered_on,
    hours: entry.duration_minutes / 60,
  };
}

/** The words of an enum, text or multi-enum field (a theme may be kept in any of them). */
function fieldText(field: AsanaCustomField | undefined): string | undefined {
  const text = field?.enum_value?.name ?? field?.text_value ?? (field?.resource_subtype === 'multi_enum' ? field.display_value : undefined);
  return text?.trim() || undefined;
}

function taskTags(task: AsanaTask, refs: AsanaFieldRefs): string[] {
  const names = task.tags.map((tag) => tag.name ?? '');
  const theme = fieldText(findCustomField(task.custom_fields, refs.theme, `${refs.key}.theme`));
  if (theme) names.push(theme);
  return [...new Set(names.filter((name) => name.length > 0))];
}
