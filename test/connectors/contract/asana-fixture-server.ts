import type { ServerResponse } from 'node:http';
import { fixture } from '../fixtures.ts';
import { sendJson, type SeenRequest } from '../helpers/local-server.ts';

/**
 * Asana's stored raw pages (test/fixtures/asana) behind Asana's paging: every list one record per
 * page with opaque offsets; the first task listing answers 429 (Retry-After 2), the other 503.
 */

export const asanaToken = 'asana-pat-456';
export const asanaBase = '/api/1.0';
const token = asanaToken;
const base = asanaBase;

/** Serves a list one record per page, with Asana's opaque offsets, whatever `limit` asked. */
function sendListPage(request: SeenRequest, response: ServerResponse, data: unknown[]): void {
  const limit = Number(request.query.get('limit'));
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return sendJson(response, 400, { errors: [{ message: 'limit: invalid' }] });
  const at = request.query.has('offset') ? Number(Buffer.from(request.query.get('offset')!, 'base64url').toString()) : 0;
  const next = at + 1 < data.length ? nextPage(request, Buffer.from(String(at + 1)).toString('base64url')) : null;
  sendJson(response, 200, { data: data.slice(at, at + 1), next_page: next });
}

/** Asana's NextPage: the offset, the path to ask (below the base path) and the same as a full URI. */
function nextPage(request: SeenRequest, offset: string): { offset: string; path: string; uri: string } {
  const query = new URLSearchParams(request.query);
  query.set('offset', offset);
  const path = `${request.path.slice(base.length)}?${query.toString()}`;
  return { offset, path, uri: `http://${request.headers.host ?? 'localhost'}${base}${path}` };
}

const lists: Record<string, () => unknown[]> = {
  '/users?workspace=9001': () => (fixture('asana', 'users-page-1') as { data: unknown[] }).data,
  '/portfolios': () => (fixture('asana', 'portfolios-page-1') as { data: unknown[] }).data,
  '/portfolios/4001/items': () => (fixture('asana', 'portfolio-items-4001') as { data: unknown[] }).data,
  '/projects': () => (fixture('asana', 'projects-page-1') as { data: unknown[] }).data,
  '/tasks?project=2001': () => (fixture('asana', 'tasks-page-1') as { data: unknown[] }).data,
  '/tasks?project=2002': () => [],
  '/tasks/3001/time_tracking_entries': () => (fixture('asana', 'time-entries-3001') as { data: unknown[] }).data,
  '/tasks/3004/subtasks': () => (fixture('asana', 'subtasks-3004') as { data: unknown[] }).data,
  '/tasks/3005/time_tracking_entries': () => (fixture('asana', 'time-entries-3005') as { data: unknown[] }).data,
};

/** `/users` and `/tasks` list what their filter names: the route is the path with that filter. */
function routed(path: string, query: URLSearchParams): string {
  const filter = path === '/users' ? 'workspace' : path === '/tasks' ? 'project' : undefined;
  return filter ? `${path}?${filter}=${query.get(filter) ?? ''}` : path;
}

export interface AsanaFixtureState {
  taskReads: number;
  otherTaskReads: number;
  /** Answer the first task listing 429 and the other project's 503. */
  faults: boolean;
}

export function asanaFixtureState(faults = true): AsanaFixtureState {
  return { taskReads: 0, otherTaskReads: 0, faults };
}

export function asanaFixtureRoutes(request: SeenRequest, response: ServerResponse, state: AsanaFixtureState): void {
  if (request.headers.authorization !== `Bearer ${token}`) return sendJson(response, 401, { errors: [{ message: 'Not Authorized' }] });
  const path = routed(request.path.slice(base.length), request.query);
  if (path === '/users/me') return sendJson(response, 200, fixture('asana', 'me'));
  if (path === '/tasks?project=2001' && ++state.taskReads === 1 && state.faults) return sendJson(response, 429, { errors: [{ message: 'Rate limited' }] }, { 'retry-after': '2' });
  if (path === '/tasks?project=2002' && ++state.otherTaskReads === 1 && state.faults) return void response.writeHead(503).end('try again');
  const list = lists[path];
  if (list) return sendListPage(request, response, list());
  // The stored tasks were never re-planned: their stories hold no due-date change.
  if (/^\/tasks\/\d+\/stories$/.test(path)) return sendListPage(request, response, []);
  sendJson(response, 404, { errors: [{ message: `no route ${path}` }] });
}

