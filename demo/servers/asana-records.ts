import { asanaPmFieldGid, PM_FIELD } from '../generator/variations/project-ownership.ts';
import type { AsanaSection, DemoOrg, DemoPerson, DemoProject, DemoTask, DemoWorklog, WorkflowStatus } from '../generator/index.ts';
import type { Json } from './asana-fields.ts';

/** The full Asana records of the demo organisation; `opt_fields` then picks from these. */
export interface AsanaCatalog {
  org: DemoOrg;
  workspace: { gid: string; resource_type: 'workspace'; name: string };
  people: Map<string, DemoPerson>;
  projects: Map<string, DemoProject>;
  estimateFieldGid: string;
  themeFieldGid: string;
  tagGids: Map<string, string>;
  /** Position of each Asana project, for the gids of its custom-field settings. */
  projectOrdinals: Map<string, number>;
}

export function makeCatalog(org: DemoOrg): AsanaCatalog {
  const base = BigInt(org.company.asanaWorkspaceGid);
  const labels = [...new Set(org.tasks.flatMap((task) => task.labels))].sort();
  return {
    org,
    workspace: { gid: org.company.asanaWorkspaceGid, resource_type: 'workspace', name: org.company.name },
    people: new Map(org.people.map((person) => [person.id, person])),
    projects: new Map(org.projects.map((project) => [project.id, project])),
    estimateFieldGid: String(base + 1n),
    themeFieldGid: String(base + 2n),
    tagGids: new Map(labels.map((label, i) => [label, String(base + 10n + BigInt(i))])),
    projectOrdinals: new Map(org.projects.map((project, i) => [project.id, i])),
  };
}

export function asanaTime(ms: number): string {
  return new Date(ms).toISOString();
}

export function userRecord(person: DemoPerson): Json {
  return { gid: person.asanaGid, resource_type: 'user', name: person.name, email: person.email };
}

export function projectRef(project: DemoProject): Json {
  return { gid: project.sourceId, resource_type: 'project', name: project.name };
}

export function themeValue(catalog: AsanaCatalog, themeId: string | null): Json {
  const theme = catalog.org.themes.find((candidate) => candidate.id === themeId);
  const option = theme ? { gid: theme.asanaOptionGid, resource_type: 'enum_option', name: theme.name, enabled: true, color: 'blue' } : null;
  return { gid: catalog.themeFieldGid, resource_type: 'custom_field', name: 'Theme', type: 'enum', resource_subtype: 'enum', enum_value: option, display_value: theme?.name ?? null };
}

export function customFieldSettings(catalog: AsanaCatalog, project: DemoProject): Json {
  const setting = (offset: number, name: string, subtype: string): Json => ({
    // The workspace gid is the last one issued, so gids above it are free for records the server makes.
    gid: String(BigInt(catalog.workspace.gid) + 1000n + BigInt((catalog.projectOrdinals.get(project.id) ?? 0) * 2 + offset)),
    resource_type: 'custom_field_setting',
    is_important: true,
    custom_field: { gid: subtype === 'enum' ? catalog.themeFieldGid : catalog.estimateFieldGid, resource_type: 'custom_field', name, type: subtype, resource_subtype: subtype },
  });
  return [setting(1, 'Estimate (h)', 'number'), setting(2, 'Theme', 'enum')];
}

export function projectRecord(catalog: AsanaCatalog, project: DemoProject): Json {
  const owner = catalog.people.get(project.ownership?.leadId ?? project.pmId) as DemoPerson;
  return {
    ...(projectRef(project) as object),
    archived: false,
    color: 'light-blue',
    created_at: asanaTime(project.createdAt),
    modified_at: asanaTime(project.modifiedAt),
    owner: userRecord(owner),
    public: true,
    workspace: catalog.workspace,
    custom_field_settings: customFieldSettings(catalog, project),
    custom_fields: [themeValue(catalog, project.themeId), ...pmFieldValue(catalog, project)],
    permalink_url: `https://app.asana.com/0/${project.sourceId}/list`,
  };
}

const sectionOf: Record<WorkflowStatus, AsanaSection> = {
  'To Do': 'To do',
  'In Progress': 'In progress',
  'In Review': 'In progress',
  Blocked: 'Blocked',
  Done: 'Done',
};

export function taskRecord(catalog: AsanaCatalog, task: DemoTask, actualMinutes: number | null): Json {
  const project = catalog.projects.get(task.projectId) as DemoProject;
  const assignee = task.assigneeId ? catalog.people.get(task.assigneeId) : undefined;
  const section = sectionOf[task.workflowStatus];
  const estimate = task.estimateHours;
  return {
    gid: task.sourceId,
    resource_type: 'task',
    resource_subtype: asanaSubtype(task),
    name: task.title,
    assignee: assignee ? userRecord(assignee) : null,
    completed: task.status === 'done',
    completed_at: task.doneAt === null ? null : asanaTime(task.doneAt),
    created_at: asanaTime(task.createdAt),
    modified_at: asanaTime(task.updatedAt),
    due_on: task.dueOn,
    due_at: null,
    start_on: null,
    parent: null,
    memberships: [{ project: projectRef(project), section: { gid: project.sectionGids[section], resource_type: 'section', name: section } }],
    projects: [projectRef(project)],
    tags: task.labels.map((label) => ({ gid: catalog.tagGids.get(label) ?? '', resource_type: 'tag', name: label })),
    custom_fields: [
      { gid: catalog.estimateFieldGid, resource_type: 'custom_field', name: 'Estimate (h)', type: 'number', resource_subtype: 'number', precision: 1, number_value: estimate, display_value: estimate === null ? null : estimate.toFixed(1) },
      themeValue(catalog, task.themeId),
    ],
    actual_time_minutes: actualMinutes,
    num_subtasks: 0,
    workspace: catalog.workspace,
    permalink_url: `https://app.asana.com/0/${project.sourceId}/${task.sourceId}`,
  };
}

/** A time entry as the per-task list returns it (no `task`, no `created_at`: those need the single-entry call). */
export function timeEntryRecord(catalog: AsanaCatalog, project: DemoProject, log: DemoWorklog): Json {
  return {
    gid: log.id,
    resource_type: 'time_tracking_entry',
    duration_minutes: Math.round(log.hours * 60),
    entered_on: log.day,
    created_by: userRecord(catalog.people.get(log.personId) as DemoPerson),
    attributable_to: projectRef(project),
  };
}

/** Asana marks milestones by subtype, not by a type field. */
export function asanaSubtype(task: DemoTask): 'milestone' | 'default_task' {
  return task.type === 'Milestone' ? 'milestone' : 'default_task';
}

/** The "Project Manager" people field, on the projects the ownership variation gives one. */
function pmFieldValue(catalog: AsanaCatalog, project: DemoProject): Json[] {
  const personId = project.ownership?.pmFieldPersonId;
  if (personId === undefined) return [];
  const person = catalog.people.get(personId) as DemoPerson;
  const gid = asanaPmFieldGid(catalog.org);
  return [{ gid, resource_type: 'custom_field', name: PM_FIELD.name, type: 'people', resource_subtype: 'people', people_value: [userRecord(person)], display_value: person.name }];
}
