import type { DemoOrg, DemoPerson, DemoTask } from '../generator/index.ts';
import { demoCredentials } from '../generator/index.ts';
import type { ApiReply, ApiRequest, Fault, RunningServer, ServerOptions } from './http-kit.ts';
import { startApiServer } from './http-kit.ts';
import type { JiraIndex } from './jira-index.ts';
import { buildJiraIndex } from './jira-index.ts';
import { fieldCatalogue, jiraTime, renderUser, renderWorklog, statusId } from './jira-render.ts';
import { jiraError, searchIssues } from './jira-search.ts';
import { listProjects } from './jira-projects.ts';
import { pageParams } from './jira-paging.ts';

/** A local Jira Cloud (REST v3) serving the demo organisation's Jira projects. */
export function startJiraServer(org: DemoOrg, options: ServerOptions = {}): Promise<RunningServer> {
  const index = buildJiraIndex(org);
  const expected = `Basic ${Buffer.from(`${demoCredentials.jira.email}:${demoCredentials.jira.token}`).toString('base64')}`;
  return startApiServer(
    {
      basePath: '',
      handle: (request) => {
        if (!request.path.startsWith('/rest/api/3/')) return jiraError(404, 'Not found.');
        if (request.headers.authorization !== expected) {
          return { ...jiraError(401, 'Client must be authenticated to access this resource.'), headers: { 'www-authenticate': 'Basic realm="jira"' } };
        }
        return route(index, request);
      },
      faultReply: jiraFault,
    },
    options,
  );
}

function route(index: JiraIndex, request: ApiRequest): ApiReply {
  const path = request.path.slice('/rest/api/3'.length);
  const get = request.method === 'GET';
  if (path === '/search/jql') return get || request.method === 'POST' ? searchIssues(index, request) : notAllowed();
  if (path === '/search') return jiraError(410, 'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.');
  if (!get) return notAllowed();
  if (path === '/myself') return { status: 200, body: renderUser(request.origin, index.people.get(index.org.adminId) as DemoPerson) };
  if (path === '/field') return { status: 200, body: fieldCatalogue() };
  if (path === '/project/search') return listProjects(index, request);
  const issuePath = /^\/issue\/([^/]+)\/(worklog|changelog)$/.exec(path);
  if (issuePath) {
    const task = index.issues.get(decodeURIComponent(issuePath[1] ?? ''));
    if (!task) return jiraError(404, 'Issue does not exist or you do not have permission to see it.');
    return issuePath[2] === 'worklog' ? listWorklogs(index, request, task) : listChangelog(index, request, task);
  }
  return jiraError(404, 'Not found.');
}

/** `/issue/{id}/worklog`: all worklogs, oldest first, optionally only those started in a window. */
function listWorklogs(index: JiraIndex, request: ApiRequest, task: DemoTask): ApiReply {
  const page = pageParams(request.query, 5000, 5000);
  if (typeof page === 'string') return jiraError(400, page);
  const after = Number(request.query.get('startedAfter') ?? Number.NEGATIVE_INFINITY);
  const before = Number(request.query.get('startedBefore') ?? Number.POSITIVE_INFINITY);
  if (Number.isNaN(after) || Number.isNaN(before)) return jiraError(400, 'startedAfter and startedBefore are epoch milliseconds.');
  const logs = (index.worklogs.get(task.id) ?? []).filter((log) => log.startedAt >= after && log.startedAt <= before);
  return {
    status: 200,
    body: {
      startAt: page.startAt,
      maxResults: page.maxResults,
      total: logs.length,
      worklogs: logs
        .slice(page.startAt, page.startAt + page.maxResults)
        .map((log) => renderWorklog(request.origin, task, log, index.people.get(log.personId) as DemoPerson)),
    },
  };
}

/** `/issue/{id}/changelog`: status moves, with the resolution and assignee items Jira records beside them. */
function listChangelog(index: JiraIndex, request: ApiRequest, task: DemoTask): ApiReply {
  const page = pageParams(request.query, 100, 100);
  if (typeof page === 'string') return jiraError(400, page);
  const user = (personId: string) => renderUser(request.origin, index.people.get(personId) as DemoPerson);
  const values = task.history.slice(page.startAt, page.startAt + page.maxResults).map((change) => {
    const items: unknown[] = [
      { field: 'status', fieldtype: 'jira', fieldId: 'status', from: statusId(change.from), fromString: change.from, to: statusId(change.to), toString: change.to },
    ];
    if (change.to === 'Done') items.push({ field: 'resolution', fieldtype: 'jira', fieldId: 'resolution', from: null, fromString: null, to: '10000', toString: 'Done' });
    if (change.assigneeTo) {
      const to = index.people.get(change.assigneeTo) as DemoPerson;
      items.push({ field: 'assignee', fieldtype: 'jira', fieldId: 'assignee', from: null, fromString: null, to: to.jiraAccountId, toString: to.name, tmpFromAccountId: null, tmpToAccountId: to.jiraAccountId });
    }
    return { id: change.id, author: user(change.authorId), created: jiraTime(change.at), items };
  });
  return {
    status: 200,
    body: {
      self: `${request.origin}/rest/api/3/issue/${task.sourceId}/changelog?maxResults=${page.maxResults}&startAt=${page.startAt}`,
      maxResults: page.maxResults,
      startAt: page.startAt,
      total: task.history.length,
      isLast: page.startAt + page.maxResults >= task.history.length,
      values,
    },
  };
}

function notAllowed(): ApiReply {
  return jiraError(405, 'Method not allowed.');
}

function jiraFault(fault: Fault, now: Date): ApiReply {
  if (fault.kind === 'server-error') return jiraError(503, 'Service temporarily unavailable.');
  const reset = new Date(now.getTime() + fault.retryAfterSeconds * 1000).toISOString();
  return {
    ...jiraError(429, 'Rate limit exceeded.'),
    headers: {
      'retry-after': String(fault.retryAfterSeconds),
      'x-ratelimit-reset': reset,
      'x-ratelimit-limit': '100',
      'x-ratelimit-remaining': '0',
    },
  };
}
