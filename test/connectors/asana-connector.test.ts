import { afterEach, describe, expect, it } from 'vitest';
import type { AsanaSourceConfig } from '../../functions/config/index.ts';
import { asanaConnector } from '../../functions/connectors/asana/index.ts';
import { isHttpError } from '../../functions/connectors/kit/errors.ts';
import { encodeIdSet } from '../../functions/connectors/kit/id-set.ts';
import { drain } from './helpers/drain.ts';
import { fixedNow } from './fixtures.ts';
import { recordingSleep, startLocalServer, type LocalServer, type SeenRequest } from './helpers/local-server.ts';
import { asanaFixtureRoutes, asanaFixtureState, asanaToken as token, asanaBase as base } from './contract/asana-fixture-server.ts';


let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function syncAsana(config: Partial<AsanaSourceConfig> = {}, cursor?: string) {
  const state = asanaFixtureState();
  server = await startLocalServer((request, response) => asanaFixtureRoutes(request, response, state));
  const sleeper = recordingSleep();
  const source: AsanaSourceConfig = { type: 'asana', name: 'asana-main', baseUrl: `${server.url}${base}`, tokenEnv: 'ASANA_TOKEN', ...config };
  const log = { info() {}, warn() {}, error() {} };
  const context = { source, token, fetch, now: fixedNow, log, sleep: sleeper.sleep, random: () => 0.5, ...(cursor ? { cursor } : {}) };
  const result = await drain(asanaConnector.read(context));
  return { result, delays: sleeper.delays, requests: server.requests };
}

const paths = (requests: SeenRequest[], suffix: string) => requests.filter((request) => request.path.endsWith(suffix));
const taskReads = (requests: SeenRequest[], project: string) => paths(requests, '/tasks').filter((request) => request.query.get('project') === project);

describe('asanaConnector', () => {
  it('syncs people, projects with portfolios, tasks and time entries through paging, a 429 and a 503', async () => {
    const { result, delays } = await syncAsana();
    expect(result.people.map((person) => person.sourceId)).toEqual(['1001', '1002', '1003']);
    expect(result.projects.map((project) => [project.sourceId, project.portfolio, project.pmId])).toEqual([
      ['2001', 'Customer Growth', 'asana-main:1001'],
      ['2002', undefined, undefined],
    ]);
    // 3005 is a subtask of 3004: project listings leave it out, /tasks/3004/subtasks has it.
    expect(result.tasks.map((task) => [task.sourceId, task.parentId])).toEqual([['3001', undefined], ['3002', 'asana-main:3001'], ['3004', undefined], ['3005', 'asana-main:3004']]);
    expect(result.timeEntries.map((entry) => [entry.sourceId, entry.hours])).toEqual([['8001', 1], ['8002', 0.5], ['8005', 0.75]]);
    expect(result.quarantined.map((entry) => [entry.kind, entry.recordId])).toEqual([['task', '3003']]);
    // Retry-After 2 s, then half of the first backoff step (500 ms) for the 503.
    expect(delays).toEqual([2000, 250]);
  });

  it('uses the first workspace of /users/me and returns the sync start time as the cursor', async () => {
    const { result, requests } = await syncAsana();
    expect(paths(requests, '/projects')[0]?.query.get('workspace')).toBe('9001');
    expect(JSON.parse(result.cursor!)).toMatchObject({ v: 1, modifiedSince: '2026-03-05T12:00:00.000Z', fullAt: fixedNow().getTime(), syncsSinceFull: 0 });
  });

  it('names every field it reads in opt_fields, and passes the cursor as modified_since', async () => {
    const listedAnHourAgo = { v: 1, modifiedSince: '2026-03-01T00:00:00.000Z', fullAt: fixedNow().getTime() - 3_600_000, syncsSinceFull: 0, ids: encodeIdSet(['3001', '3002', '3003', '3004']) };
    const { requests } = await syncAsana({ workspace: '9001' }, JSON.stringify(listedAnHourAgo));
    expect(paths(requests, '/users/me')).toHaveLength(0);
    const taskRead = taskReads(requests, '2001')[0]!;
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
    expect(new Set(entryReads.map((request) => request.path))).toEqual(new Set([`${base}/tasks/3001/time_tracking_entries`, `${base}/tasks/3005/time_tracking_entries`]));
    // Three entries, served one per page.
    expect(entryReads).toHaveLength(3);
  });

  it('stops with HttpError when a list answers 404', async () => {
    const error = await syncAsana({ workspace: '4242' }).then(() => undefined, (caught: unknown) => caught);
    expect(isHttpError(error) && error.status).toBe(404);
  });
});

describe('asanaConnector deletions', () => {
  const listed = (fullAt: number, gids: string[]) => JSON.stringify({ v: 1, modifiedSince: '2026-03-01T00:00:00.000Z', fullAt, syncsSinceFull: 3, ids: encodeIdSet(gids) });
  const known = ['3001', '3002', '3003', '3004', '3005', '3099'];

  it('on a full sync (the last one a day old), deletes known tasks no listing shows any more', async () => {
    const { result, requests } = await syncAsana({}, listed(fixedNow().getTime() - 25 * 3_600_000, known));
    expect(taskReads(requests, '2001').every((request) => !request.query.has('modified_since'))).toBe(true);
    // 3003 is quarantined but still listed, so it is not deleted; 3005 is a subtask, listed through its parent.
    expect(result.deletions).toEqual([{ kind: 'task', ids: ['asana-main:3099'] }]);
    expect(JSON.parse(result.cursor!)).toMatchObject({ fullAt: fixedNow().getTime(), syncsSinceFull: 0 });
  });

  it('judges no deletion on an incremental sync', async () => {
    const { result } = await syncAsana({}, listed(fixedNow().getTime() - 3_600_000, known));
    expect(result.deletions).toEqual([]);
  });
});
