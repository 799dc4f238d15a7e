import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { AsanaSourceConfig } from '../../functions/config/index.ts';
import { asanaConnector } from '../../functions/connectors/asana/index.ts';
import { isHttpError } from '../../functions/connectors/kit/errors.ts';
import { drain } from './helpers/drain.ts';
import { fixedNow, fixture } from './fixtures.ts';
import { recordingSleep, sendJson, startLocalServer, type LocalServer, type SeenRequest } from './helpers/local-server.ts';

const token = 'asana-pat-456';
const base = '/api/1.0';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Serves a list one record per page, with Asana's opaque offsets, whatever `limit` asked. */
function sendListPage(request: SeenRequest, response: ServerResponse, data: unknown[]): void {
  const limit = Number(request.query.get('limit'));
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return sendJson(response, 400, { errors: [{ message: 'limit: invalid' }] });
  const at = request.query.has('offset') ? Number(Buffer.from(request.query.get('offset')!, 'base64url').toString()) : 0;
  const next = at + 1 < data.length ? { offset: Buffer.from(String(at + 1)).toString('base64url'), path: request.path, uri: '' } : null;
  sendJson(response, 200, { data: data.slice(at, at + 1), next_page: next });
}

const lists: Record<string, () => unknown[]> = {
  '/workspaces/9001/users': () => (fixture('asana', 'users-page-1') as { data: unknown[] }).data,
  '/portfolios': () => (fixture('asana', 'portfolios-page-1') as { data: unknown[] }).data,
  '/portfolios/4001/items': () => (fixture('asana', 'portfolio-items-4001') as { data: unknown[] }).data,
  '/projects': () => (fixture('asana', 'projects-page-1') as { data: unknown[] }).data,
  '/projects/2001/tasks': () => (fixture('asana', 'tasks-page-1') as { data: unknown[] }).data,
  '/projects/2002/tasks': () => [],
  '/tasks/3001/time_tracking_entries': () => (fixture('asana', 'time-entries-3001') as { data: unknown[] }).data,
};

function asanaFixtureRoutes(request: SeenRequest, response: ServerResponse, state: { taskReads: number; otherTaskReads: number }): void {
  if (request.headers.authorization !== `Bearer ${token}`) return sendJson(response, 401, { errors: [{ message: 'Not Authorized' }] });
  const path = request.path.slice(base.length);
  if (path === '/users/me') return sendJson(response, 200, fixture('asana', 'me'));
  if (path === '/projects/2001/tasks' && ++state.taskReads === 1) return sendJson(response, 429, { errors: [{ message: 'Rate limited' }] }, { 'retry-after': '2' });
  if (path === '/projects/2002/tasks' && ++state.otherTaskReads === 1) return void response.writeHead(503).end('try again');
  const list = lists[path];
  if (list) return sendListPage(request, response, list());
  sendJson(response, 404, { errors: [{ message: `no route ${path}` }] });
}

async function syncAsana(config: Partial<AsanaSourceConfig> = {}, cursor?: string) {
  const state = { taskReads: 0, otherTaskReads: 0 };
  server = await startLocalServer((request, response) => asanaFixtureRoutes(request, response, state));
  const sleeper = recordingSleep();
  const source: AsanaSourceConfig = { type: 'asana', name: 'asana-main', baseUrl: `${server.url}${base}`, tokenEnv: 'ASANA_TOKEN', ...config };
  const log = { info() {}, warn() {}, error() {} };
  const context = { source, token, fetch, now: fixedNow, log, sleep: sleeper.sleep, random: () => 0.5, ...(cursor ? { cursor } : {}) };
  const result = await drain(asanaConnector.read(context));
  return { result, delays: sleeper.delays, requests: server.requests };
}

const paths = (requests: SeenRequest[], suffix: string) => requests.filter((request) => request.path.endsWith(suffix));

describe('asanaConnector', () => {
  it('syncs people, projects with portfolios, tasks and time entries through paging, a 429 and a 503', async () => {
    const { result, delays } = await syncAsana();
    expect(result.people.map((person) => person.sourceId)).toEqual(['1001', '1002', '1003']);
    expect(result.projects.map((project) => [project.sourceId, project.portfolio, project.pmId])).toEqual([
      ['2001', 'Customer Growth', 'asana-main:1001'],
      ['2002', undefined, undefined],
    ]);
    expect(result.tasks.map((task) => task.sourceId)).toEqual(['3001', '3002', '3004']);
    expect(result.timeEntries.map((entry) => [entry.sourceId, entry.hours])).toEqual([['8001', 1], ['8002', 0.5]]);
    expect(result.quarantined.map((entry) => [entry.kind, entry.recordId])).toEqual([['task', '3003']]);
    // Retry-After 2 s, then half of the first backoff step (500 ms) for the 503.
    expect(delays).toEqual([2000, 250]);
  });

  it('uses the first workspace of /users/me and returns the sync start time as the cursor', async () => {
    const { result, requests } = await syncAsana();
    expect(paths(requests, '/projects')[0]?.query.get('workspace')).toBe('9001');
    expect(result.cursor).toBe('2026-03-05T12:00:00.000Z');
  });

  it('names every field it reads in opt_fields, and passes the cursor as modified_since', async () => {
    const { requests } = await syncAsana({ workspace: '9001' }, '2026-03-01T00:00:00.000Z');
    expect(paths(requests, '/users/me')).toHaveLength(0);
    const taskRead = paths(requests, '/projects/2001/tasks')[0]!;
    expect(taskRead.query.get('modified_since')).toBe('2026-03-01T00:00:00.000Z');
    expect(taskRead.query.get('limit')).toBe('100');
    expect(taskRead.query.get('opt_fields')?.split(',')).toEqual(
      expect.arrayContaining(['memberships.section.name', 'custom_fields.number_value', 'custom_fields.enum_value.name', 'actual_time_minutes', 'due_at']),
    );
    expect(paths(requests, '/time_tracking_entries')[0]?.query.get('opt_fields')).toContain('created_by.email');
  });

  it('reads time entries only for tasks with tracked time', async () => {
    const { requests } = await syncAsana();
    const entryReads = paths(requests, '/time_tracking_entries');
    expect(new Set(entryReads.map((request) => request.path))).toEqual(new Set([`${base}/tasks/3001/time_tracking_entries`]));
    // Two entries, served one per page.
    expect(entryReads).toHaveLength(2);
  });

  it('stops with HttpError when a list answers 404', async () => {
    const error = await syncAsana({ workspace: '4242' }).then(() => undefined, (caught: unknown) => caught);
    expect(isHttpError(error) && error.status).toBe(404);
  });
});
