import type { DemoOrg, DemoPerson } from '../generator/index.ts';
import { demoCredentials } from '../generator/index.ts';
import type { ApiReply, ApiRequest, Fault, RunningServer, ServerOptions } from './http-kit.ts';
import { startApiServer } from './http-kit.ts';
import type { JiraIndex } from './jira-index.ts';
import { buildJiraIndex } from './jira-index.ts';
import { fieldCatalogue, renderUser } from './jira-render.ts';
import { bulkFetchChangelogs, listChangelog, listStatuses } from './jira-changelog.ts';
import { listIssueWorklogs, listWorklogsById, worklogFeed } from './jira-worklogs.ts';
import { jiraError, parseJiraBody, searchIssues } from './jira-search.ts';
import { tokenExpiry } from './page-token-expiry.ts';
import { listProjects } from './jira-projects.ts';
import { listIssueTypes } from './jira-issue-types.ts';

export interface JiraServerOptions extends ServerOptions {
  /**
   * Largest page of an ids-only search (Jira serves up to 5000). Jira "may return fewer items per
   * page"; a small cap makes a listing of a few hundred issues take many pages, as a large site's does.
   */
  maxIdPage?: number;
}

export interface RunningJiraServer extends RunningServer {
  /** Every search page token handed out so far is refused from now on, as Jira refuses an expired one. */
  expirePageTokens(): void;
}

/** A local Jira Cloud (REST v3) serving the demo organisation's Jira projects. */
export async function startJiraServer(org: DemoOrg, options: JiraServerOptions = {}): Promise<RunningJiraServer> {
  const index = buildJiraIndex(org);
  const tokens = tokenExpiry({
    now: options.now ?? (() => new Date()),
    tokenOf: searchToken,
    issuedIn: (reply) => {
      const token = (reply.body as { nextPageToken?: unknown } | null)?.nextPageToken;
      return typeof token === 'string' ? token : undefined;
    },
    expired: jiraError(400, 'The provided next page token is invalid or expired.'),
  });
  const search = (searched: JiraIndex, request: ApiRequest) => tokens.refuse(request) ?? tokens.note(searchIssues(searched, request, options.maxIdPage));
  // The demo org's records may lie ahead of the wall clock; the worklog feeds must still show them.
  const clock = options.now ?? (() => new Date(Math.max(Date.now(), org.now + 2 * 60_000)));
  const expected = `Basic ${Buffer.from(`${demoCredentials.jira.email}:${demoCredentials.jira.token}`).toString('base64')}`;
  const server = await startApiServer(
    {
      basePath: '',
      handle: (request) => {
        if (request.path === '/_edge/tenant_info') return { status: 200, body: { cloudId: demoCloudId } };
        const scoped = scopedPath(request.path);
        if (scoped !== undefined) request = { ...request, path: scoped };
        if (!request.path.startsWith('/rest/api/3/')) return jiraError(404, 'Not found.');
        if (request.headers.authorization !== expected) {
          return { ...jiraError(401, 'Client must be authenticated to access this resource.'), headers: { 'www-authenticate': 'Basic realm="jira"' } };
        }
        return route(index, request, clock(), search);
      },
      faultReply: jiraFault,
    },
    options,
  );
  return Object.assign(server, { expirePageTokens: tokens.expireAll });
}

/** The page token a search brings back, in its query or its JSON body. */
function searchToken(request: ApiRequest): string | undefined {
  if (request.method !== 'POST') return request.query.get('nextPageToken') ?? undefined;
  const token = parseJiraBody(request.body)?.['nextPageToken'];
  return typeof token === 'string' ? token : undefined;
}

/** The site's cloud id: scoped tokens reach the API at `/ex/jira/<cloudId>/rest/api/3/...`, as through api.atlassian.com. */
export const demoCloudId = '7c3f9e52-0d1a-4b6e-9f21-5a8d2c4e6b10';

function scopedPath(path: string): string | undefined {
  const prefix = `/ex/jira/${demoCloudId}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length - 1) : undefined;
}

const posts: Record<string, Handler> = {
  '/worklog/list': listWorklogsById,
  '/changelog/bulkfetch': bulkFetchChangelogs,
};

type Handler = (index: JiraIndex, request: ApiRequest) => ApiReply;

function route(index: JiraIndex, request: ApiRequest, now: Date, search: Handler): ApiReply {
  const path = request.path.slice('/rest/api/3'.length);
  if (path === '/search') return jiraError(410, 'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.');
  const post = path === '/search/jql' ? search : posts[path];
  if (request.method === 'POST') return post ? post(index, request) : notAllowed();
  if (request.method !== 'GET') return notAllowed();
  if (path === '/search/jql') return search(index, request);
  if (path === '/myself') return { status: 200, body: renderUser(request.origin, index.people.get(index.org.adminId) as DemoPerson) };
  if (path === '/field') return { status: 200, body: fieldCatalogue() };
  if (path === '/status') return listStatuses(request);
  if (path === '/issuetype') return listIssueTypes(request);
  if (path === '/project/search') return listProjects(index, request);
  if (path === '/worklog/updated') return worklogFeed(request, index.updatedFeed, now, 'updated');
  if (path === '/worklog/deleted') return worklogFeed(request, index.deletedFeed, now, 'deleted');
  const issuePath = /^\/issue\/([^/]+)\/(worklog|changelog)$/.exec(path);
  if (issuePath) {
    const task = index.issues.get(decodeURIComponent(issuePath[1] ?? ''));
    if (!task) return jiraError(404, 'Issue does not exist or you do not have permission to see it.');
    return issuePath[2] === 'worklog' ? listIssueWorklogs(index, request, task) : listChangelog(index, request, task);
  }
  return jiraError(404, 'Not found.');
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
