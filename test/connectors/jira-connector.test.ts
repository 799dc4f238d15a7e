import { afterEach, describe, expect, it } from 'vitest';
import type { JiraSourceConfig } from '../../functions/config/index.ts';
import { jiraConnector } from '../../functions/connectors/jira/index.ts';
import { isAuthError } from '../../functions/connectors/kit/errors.ts';
import { drain, latestPeople } from './helpers/drain.ts';
import { fixedNow } from './fixtures.ts';
import { recordingSleep, startLocalServer, type LocalServer, type SeenRequest } from './helpers/local-server.ts';
import { jiraFixtureRoutes, jiraFixtureState } from './contract/jira-fixture-server.ts';

const email = 'pm@northwind.example';
const token = 'jira-tok-123';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function syncJira(config: Partial<JiraSourceConfig> = {}, cursor?: string, secret = token) {
  const state = jiraFixtureState();
  server = await startLocalServer((request, response) => jiraFixtureRoutes(request, response, state));
  const sleeper = recordingSleep();
  const source: JiraSourceConfig = { type: 'jira', name: 'jira-main', baseUrl: server.url, email, tokenEnv: 'JIRA_TOKEN', ...config };
  const log = { info() {}, warn() {}, error() {} };
  const context = { source, token: secret, fetch, now: fixedNow, log, sleep: sleeper.sleep, random: () => 0, ...(cursor ? { cursor } : {}) };
  const result = await drain(jiraConnector.read(context));
  return { result, delays: sleeper.delays, requests: server.requests };
}

const searches = (requests: SeenRequest[]) => requests.filter((request) => request.path === '/rest/api/3/search/jql');

describe('jiraConnector', () => {
  it('syncs projects, issues and all worklogs over HTTP, through paging and a 429', async () => {
    const { result, delays, requests } = await syncJira();
    expect(result.projects.map((project) => project.key)).toEqual(['PAY', 'OPS']);
    expect(result.tasks.map((task) => task.sourceId)).toEqual(['20001', '20003', '20004']);
    expect(result.timeEntries.map((entry) => entry.sourceId)).toEqual(['30001', '30002', '30010', '30011', '30012']);
    // An issue without `created`, and a status move to an id /status does not list.
    expect(result.quarantined.map((entry) => [entry.kind, entry.recordId])).toEqual([['task', '20002'], ['statusChange', '50011']]);
    expect(delays).toEqual([3000]);
    expect(searches(requests)).toHaveLength(3);
    expect(requests.filter((request) => request.path.endsWith('/worklog')).map((request) => request.query.get('startAt'))).toEqual(['0', '2']);
  });

  it('returns the newest `updated` seen as the cursor', async () => {
    const { result } = await syncJira();
    expect(JSON.parse(result.cursor!)).toMatchObject({ v: 1, issuesUpdated: 1772616600000 });
  });

  it('maps the story points found through /field, and hours from worklogs read page by page', async () => {
    const { result } = await syncJira();
    const migrate = result.tasks.find((task) => task.sourceId === '20004');
    expect(migrate).toMatchObject({ status: 'todo', originalStatus: 'To Do', storyPoints: 2, estimateHours: 2, spentHours: 3, tags: ['Storage'] });
    const hours = result.timeEntries.filter((entry) => entry.taskId === 'jira-main:20004').map((entry) => [entry.personId, entry.date, entry.hours]);
    expect(hours).toEqual([
      ['jira-main:acc-ops-1', '2026-03-02', 1],
      ['jira-main:acc-ops-1', '2026-03-02', 1],
      ['jira-main:acc-lead-2', '2026-03-03', 1],
    ]);
  });

  it('ends up with every person once, with the email a later sighting revealed', async () => {
    const { result } = await syncJira();
    const people = latestPeople(result.people);
    expect([...people.keys()].sort()).toEqual(['jira-main:acc-dev-1', 'jira-main:acc-dev-2', 'jira-main:acc-lead-1', 'jira-main:acc-lead-2', 'jira-main:acc-ops-1']);
    expect(people.get('jira-main:acc-lead-2')?.email).toBe('omar@northwind.example');
    expect(people.get('jira-main:acc-ops-1')?.email).toBeUndefined();
  });

  it('asks for explicit fields and 100 per page, re-reading 5 minutes before the cursor', async () => {
    const { requests } = await syncJira({}, '1772616600000');
    const first = searches(requests)[0]!;
    expect(first.query.get('jql')).toBe('updated >= 1772616300000 ORDER BY updated ASC');
    expect(first.query.get('maxResults')).toBe('100');
    expect(first.query.get('fields')?.split(',')).toEqual(expect.arrayContaining(['summary', 'status', 'worklog', 'customfield_10016']));
  });

  it('reads everything when there is no cursor, and uses a configured JQL and story-points field named by name', async () => {
    const { result, requests } = await syncJira({ jql: 'project in (PAY, OPS) ORDER BY key ASC', storyPointsField: ' story POINT estimate ' });
    expect(searches(requests)[0]?.query.get('jql')).toBe('project in (PAY, OPS) AND updated >= 0 ORDER BY updated ASC');
    expect(searches(requests)[0]?.query.get('fields')?.split(',')).toContain('customfield_10016');
    expect(result.tasks.find((task) => task.sourceId === '20004')?.storyPoints).toBe(2);
  });

  it('stops naming the key when a configured story-points field is not on the site', async () => {
    const error = await syncJira({ storyPointsField: ['customfield_10016', 'Story Pointz'] }).then(() => undefined, (caught: unknown) => caught);
    expect((error as Error).message).toBe('sources.jira-main.storyPointsField[1]: no field has the id or name "Story Pointz"');
    expect(searches(server!.requests)).toHaveLength(0);
  });

  it('stops with AuthError on a wrong token, without retrying and without the token in the message', async () => {
    const error = await syncJira({}, undefined, 'wrong-token').then(() => undefined, (caught: unknown) => caught);
    expect(isAuthError(error)).toBe(true);
    expect((error as Error).message).not.toContain('wrong-token');
    expect(server?.requests).toHaveLength(1);
  });
});
