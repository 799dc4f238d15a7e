import type { DemoOrg, DemoPerson, DemoProject, DemoTask, DemoWorklog } from '../generator/index.ts';
import { demoCredentials } from '../generator/index.ts';
import type { Json } from './asana-fields.ts';
import type { ApiReply, ApiRequest, Fault, RunningServer, ServerOptions } from './http-kit.ts';
import { startApiServer } from './http-kit.ts';
import type { RecordView } from './asana-paging.ts';
import { asanaError, itemReply, listReply } from './asana-paging.ts';
import type { AsanaCatalog } from './asana-records.ts';
import { listCustomFields } from './asana-custom-fields.ts';
import { asanaSubtype, makeCatalog, projectRecord, taskRecord, timeEntryRecord, userRecord } from './asana-records.ts';
import { compactStory, taskStories } from './asana-stories.ts';
import { tokenExpiry } from './page-token-expiry.ts';

interface AsanaIndex {
  catalog: AsanaCatalog;
  admin: DemoPerson;
  projects: DemoProject[];
  projectsByGid: Map<string, DemoProject>;
  tasksByProject: Map<string, DemoTask[]>;
  tasksByGid: Map<string, DemoTask>;
  worklogsByTask: Map<string, DemoWorklog[]>;
}

export interface AsanaServerOptions extends ServerOptions {
  /** Page offsets expire this long after they were handed out (server clock); never when absent. */
  offsetTtlMs?: number;
}

export interface RunningAsanaServer extends RunningServer {
  /** Every page offset handed out so far is refused from now on, as Asana refuses an expired one. */
  expireOffsets(): void;
}

/** A local Asana (REST 1.0) serving the demo organisation's Asana projects under `/api/1.0`. */
export async function startAsanaServer(org: DemoOrg, options: AsanaServerOptions = {}): Promise<RunningAsanaServer> {
  const index = buildIndex(org);
  const expected = `Bearer ${demoCredentials.asana.token}`;
  const offsets = tokenExpiry({
    ttlMs: options.offsetTtlMs,
    now: options.now ?? (() => new Date()),
    tokenOf: (request) => request.query.get('offset') ?? undefined,
    issuedIn: (reply) => stringOr((reply.body as { next_page?: { offset?: unknown } | null } | null)?.next_page?.offset),
    // Asana's own wording of an expired offset is not documented: this is the demo's.
    expired: asanaError(400, 'offset: Your pagination token has expired. Please restart the request without an offset.'),
  });
  const server = await startApiServer(
    {
      basePath: '/api/1.0',
      handle: (request) => {
        if (request.headers.authorization !== expected) return asanaError(401, 'Not Authorized');
        if (request.method !== 'GET') return asanaError(405, 'Method not allowed.');
        return offsets.refuse(request) ?? offsets.note(route(index, request));
      },
      faultReply: asanaFault,
    },
    options,
  );
  return Object.assign(server, { expireOffsets: offsets.expireAll });
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function buildIndex(org: DemoOrg): AsanaIndex {
  const projects = org.projects.filter((project) => project.system === 'asana');
  const ids = new Set(projects.map((project) => project.id));
  const tasksByProject = new Map<string, DemoTask[]>(projects.map((project) => [project.id, []]));
  const tasksByGid = new Map<string, DemoTask>();
  for (const task of org.tasks) {
    if (!ids.has(task.projectId)) continue;
    tasksByProject.get(task.projectId)?.push(task);
    tasksByGid.set(task.sourceId, task);
  }
  const worklogsByTask = new Map<string, DemoWorklog[]>();
  for (const log of org.asanaTimeTracking === false ? [] : org.worklogs) {
    const list = worklogsByTask.get(log.taskId);
    if (list) list.push(log);
    else worklogsByTask.set(log.taskId, [log]);
  }
  const catalog = makeCatalog(org);
  return {
    catalog,
    admin: catalog.people.get(org.adminId) as DemoPerson,
    projects,
    projectsByGid: new Map(projects.map((project) => [project.sourceId, project])),
    tasksByProject,
    tasksByGid,
    worklogsByTask,
  };
}

/** Records shown as `{gid, resource_type, name}` when no `opt_fields` are named. */
function named(resourceType: string): RecordView<Json> {
  return {
    full: (record) => record,
    compact: (record) => {
      const value = record as Record<string, Json>;
      return { gid: value['gid'] ?? null, resource_type: resourceType, name: value['name'] ?? null };
    },
  };
}

function route(index: AsanaIndex, request: ApiRequest): ApiReply {
  const { catalog } = index;
  const parts = request.path.split('/').filter(Boolean);
  const [first, id, sub] = parts;
  if (request.path === '/users/me') {
    return itemReply(request, { ...(userRecord(index.admin) as object), photo: null, workspaces: [catalog.workspace] });
  }
  if (request.path === '/users') return listUsers(index, request);
  if (first === 'workspaces' && sub === 'users' && parts.length === 3) {
    if (id !== catalog.workspace.gid) return asanaError(404, `workspace: Unknown object: ${id}`);
    return listReply(request, catalog.org.people.map(userRecord), named('user'));
  }
  if (first === 'workspaces' && sub === 'custom_fields' && parts.length === 3) return listCustomFields(catalog, request, id ?? '');
  if (request.path === '/portfolios') return listPortfolios(index, request);
  if (first === 'portfolios' && id && parts.length === 2) return getPortfolio(index, request, id);
  if (first === 'portfolios' && sub === 'items' && parts.length === 3) {
    const portfolio = catalog.org.portfolios.find((candidate) => candidate.asanaGid === id);
    if (!portfolio) return asanaError(404, `portfolio: Unknown object: ${id}`);
    const items = index.projects.filter((project) => project.portfolioId === portfolio.id).map((project) => projectRecord(catalog, project));
    return listReply(request, items, named('project'));
  }
  if (request.path === '/projects') return listProjects(index, request);
  if (request.path === '/tasks') {
    const project = request.query.get('project');
    return project ? listTasks(index, request, project, true) : asanaError(400, 'project: Must specify a project (the only filter this server knows)');
  }
  // Asana declares no `modified_since` here: the listing is always whole.
  if (first === 'projects' && sub === 'tasks' && parts.length === 3) return listTasks(index, request, id ?? '', false);
  if (first === 'tasks' && sub === 'time_tracking_entries' && parts.length === 3) {
    if (catalog.org.asanaTimeTracking === false) return asanaError(402, 'Time tracking is not available on your plan. Upgrade to use time tracking.');
    return listTimeEntries(index, request, id ?? '');
  }
  if (first === 'tasks' && sub === 'subtasks' && parts.length === 3) return listSubtasks(index, request, id ?? '');
  if (first === 'tasks' && sub === 'stories' && parts.length === 3) return listStories(index, request, id ?? '');
  return asanaError(404, 'Unknown route.');
}

function listPortfolios(index: AsanaIndex, request: ApiRequest): ApiReply {
  const workspace = request.query.get('workspace');
  const owner = request.query.get('owner');
  if (!workspace || !owner) return asanaError(400, 'workspace, owner: Missing input');
  if (workspace !== index.catalog.workspace.gid) return asanaError(404, `workspace: Unknown object: ${workspace}`);
  const owned = owner === 'me' || owner === index.admin.asanaGid || owner === index.admin.email;
  const records = owned
    ? index.catalog.org.portfolios.map((portfolio) => ({ gid: portfolio.asanaGid, resource_type: 'portfolio', name: portfolio.name, owner: userRecord(index.admin), workspace: index.catalog.workspace }))
    : [];
  return listReply(request, records, named('portfolio'));
}

/** `/portfolios/{gid}`: any portfolio of the workspace by gid, whoever owns it. */
function getPortfolio(index: AsanaIndex, request: ApiRequest, gid: string): ApiReply {
  const portfolio = index.catalog.org.portfolios.find((candidate) => candidate.asanaGid === gid);
  if (!portfolio) return asanaError(404, `portfolio: Unknown object: ${gid}`);
  return itemReply(request, { gid, resource_type: 'portfolio', name: portfolio.name, owner: userRecord(index.admin), workspace: index.catalog.workspace });
}

function listProjects(index: AsanaIndex, request: ApiRequest): ApiReply {
  const workspace = request.query.get('workspace');
  if (!workspace) return asanaError(400, 'workspace: Missing input');
  if (workspace !== index.catalog.workspace.gid) return asanaError(404, `workspace: Unknown object: ${workspace}`);
  const projects = request.query.get('archived') === 'true' ? [] : index.projects;
  return listReply(request, projects.map((project) => projectRecord(index.catalog, project)), named('project'));
}

/** `GET /users?workspace=`: the workspace's people, paged (unlike `/workspaces/{gid}/users`). */
function listUsers(index: AsanaIndex, request: ApiRequest): ApiReply {
  const workspace = request.query.get('workspace');
  if (!workspace) return asanaError(400, 'workspace: Missing input');
  if (workspace !== index.catalog.workspace.gid) return asanaError(404, `workspace: Unknown object: ${workspace}`);
  return listReply(request, index.catalog.org.people.map(userRecord), named('user'));
}

function listTasks(index: AsanaIndex, request: ApiRequest, gid: string, filtersByModified: boolean): ApiReply {
  const project = index.projectsByGid.get(gid);
  if (!project) return asanaError(404, `project: Unknown object: ${gid}`);
  const sinceText = filtersByModified ? request.query.get('modified_since') : null;
  const since = sinceText === null ? Number.NEGATIVE_INFINITY : Date.parse(sinceText);
  if (Number.isNaN(since)) return asanaError(400, `modified_since: Not a valid date-time: ${sinceText}`);
  const tasks = (index.tasksByProject.get(project.id) ?? []).filter((task) => task.updatedAt >= since);
  return listReply(request, tasks, {
    full: (task) => taskRecord(index.catalog, task, actualMinutes(index.worklogsByTask.get(task.id))),
    compact: (task) => ({ gid: task.sourceId, resource_type: 'task', name: task.title, resource_subtype: asanaSubtype(task) }),
  });
}

/** `/tasks/{gid}/subtasks`: the demo's tasks have none (`num_subtasks: 0`), so the list is empty. */
function listSubtasks(index: AsanaIndex, request: ApiRequest, gid: string): ApiReply {
  if (!index.tasksByGid.has(gid)) return asanaError(404, `task: Unknown object: ${gid}`);
  return listReply(request, [] as DemoTask[], {
    full: (task) => taskRecord(index.catalog, task, actualMinutes(index.worklogsByTask.get(task.id))),
    compact: (task) => ({ gid: task.sourceId, resource_type: 'task', name: task.title, resource_subtype: asanaSubtype(task) }),
  });
}

/** Asana leaves `actual_time_minutes` null on a task nobody tracked time on. */
function actualMinutes(logs: readonly DemoWorklog[] | undefined): number | null {
  return logs ? logs.reduce((sum, log) => sum + Math.round(log.hours * 60), 0) : null;
}

function listStories(index: AsanaIndex, request: ApiRequest, gid: string): ApiReply {
  const task = index.tasksByGid.get(gid);
  if (!task) return asanaError(404, `task: Unknown object: ${gid}`);
  return listReply(request, taskStories(index.catalog, task), { full: (record) => record, compact: compactStory });
}

function listTimeEntries(index: AsanaIndex, request: ApiRequest, gid: string): ApiReply {
  const task = index.tasksByGid.get(gid);
  if (!task) return asanaError(404, `task: Unknown object: ${gid}`);
  const project = index.catalog.projects.get(task.projectId) as DemoProject;
  const records = (index.worklogsByTask.get(task.id) ?? []).map((log) => timeEntryRecord(index.catalog, project, log));
  return listReply(request, records, { full: (record) => record, compact: compactTimeEntry });
}

/** The compact entry of a list without `opt_fields`: `attributable_to` only when asked for. */
function compactTimeEntry(record: Json): Json {
  const entry = record as Record<string, Json>;
  const creator = entry['created_by'] as Record<string, Json>;
  return {
    gid: entry['gid'] ?? null,
    resource_type: 'time_tracking_entry',
    duration_minutes: entry['duration_minutes'] ?? null,
    entered_on: entry['entered_on'] ?? null,
    created_by: { gid: creator['gid'] ?? null, resource_type: 'user', name: creator['name'] ?? null },
  };
}

function asanaFault(fault: Fault): ApiReply {
  if (fault.kind === 'server-error') return asanaError(503, 'Asana is temporarily unavailable. Please try again shortly.');
  return { ...asanaError(429, 'You have made too many requests recently. Please, be chill.'), headers: { 'retry-after': String(fault.retryAfterSeconds) } };
}
