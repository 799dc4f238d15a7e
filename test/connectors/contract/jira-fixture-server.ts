import type { ServerResponse } from 'node:http';
import { fixture } from '../fixtures.ts';
import { sendJson, type SeenRequest } from '../helpers/local-server.ts';

/**
 * Jira's stored raw pages (test/fixtures/jira) behind Jira's paging: projects one per page by
 * `startAt`, issues by `nextPageToken`, changelogs by a body token, worklog feeds by `since`.
 * The first search answers 429 with Retry-After 3 when `rateLimit` is set.
 */

export const jiraFixtureAuth = { email: 'pm@northwind.example', token: 'jira-tok-123' };
const expectedAuth = `Basic ${Buffer.from(`${jiraFixtureAuth.email}:${jiraFixtureAuth.token}`).toString('base64')}`;

export interface JiraFixtureState {
  searches: number;
  rateLimit: boolean;
  bodies: Map<string, unknown[]>;
}

export function jiraFixtureState(rateLimit = true): JiraFixtureState {
  return { searches: 0, rateLimit, bodies: new Map() };
}

export function jiraFixtureRoutes(request: SeenRequest & { body?: unknown }, response: ServerResponse, state: JiraFixtureState): void {
  if (request.headers.authorization !== expectedAuth) return sendJson(response, 401, { errorMessages: ['Unauthorized'] });
  const startAt = Number(request.query.get('startAt') ?? 0);
  const path = request.path.replace('/rest/api/3', '');
  if (path === '/field') return sendJson(response, 200, fixture('jira', 'fields'));
  if (path === '/status') return sendJson(response, 200, fixture('jira', 'statuses'));
  if (path === '/project/search') {
    const all = (fixture('jira', 'project-search') as { values: unknown[] }).values;
    return sendJson(response, 200, { startAt, maxResults: 1, total: all.length, isLast: startAt + 1 >= all.length, values: all.slice(startAt, startAt + 1) });
  }
  if (path === '/search/jql') return search(request, response, state);
  if (path === '/issue/20004/worklog') {
    const page = fixture('jira', 'issue-20004-worklog') as { total: number; worklogs: unknown[] };
    return sendJson(response, 200, { startAt, maxResults: 2, total: page.total, worklogs: page.worklogs.slice(startAt, startAt + 2) });
  }
  if (path === '/changelog/bulkfetch') {
    const token = (request.body as { nextPageToken?: string }).nextPageToken;
    return sendJson(response, 200, fixture('jira', token === 'changelog-page-2' ? 'changelog-bulkfetch-page-2' : 'changelog-bulkfetch-page-1'));
  }
  if (path === '/worklog/updated') return sendJson(response, 200, fixture('jira', 'worklog-updated'));
  if (path === '/worklog/deleted') return sendJson(response, 200, fixture('jira', 'worklog-deleted'));
  if (path === '/worklog/list') return sendJson(response, 200, fixture('jira', 'worklog-list'));
  sendJson(response, 404, { errorMessages: [`no route ${request.path}`] });
}

function search(request: SeenRequest, response: ServerResponse, state: JiraFixtureState): void {
  state.searches += 1;
  if (state.rateLimit && state.searches === 1) return sendJson(response, 429, { errorMessages: ['Rate limited'] }, { 'retry-after': '3' });
  const jql = request.query.get('jql') ?? '';
  if (/\bid in \(20009\)/.test(jql)) return sendJson(response, 200, fixture('jira', 'search-issue-20009-project'));
  if (!request.query.has('fields')) return sendJson(response, 200, fixture('jira', 'search-ids'));
  if (request.query.get('nextPageToken') === 'page-2') return sendJson(response, 200, fixture('jira', 'search-page-2'));
  return sendJson(response, 200, { ...(fixture('jira', 'search-page-1') as object), nextPageToken: 'page-2' });
}
