import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { sendJson, type SeenRequest } from '../helpers/local-server.ts';

/**
 * Azure DevOps' stored raw answers (test/fixtures/azure-devops) behind its paging: the revisions
 * feed two revisions a batch with a watermark `continuationToken` (the last batch says
 * `isLastBatch` and hands back the watermark to start the next read from), `$top`/`$skip` lists
 * wrapped as `{count, value}`, Basic auth with an empty user. The first feed request answers 429
 * with `Retry-After: 2` when asked.
 */

export const adoToken = 'ado-pat-789';
export const adoOrganization = 'fabrikam';
const project = '6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c';
const batchSize = 2;

export function adoFixture(name: string): any {
  return JSON.parse(readFileSync(new URL(`../../fixtures/azure-devops/${name}.json`, import.meta.url), 'utf8'));
}

export interface AdoFixtureState {
  feedReads: number;
  faults: boolean;
}

export function adoFixtureState(faults = false): AdoFixtureState {
  return { feedReads: 0, faults };
}

const basic = `Basic ${Buffer.from(`:${adoToken}`).toString('base64')}`;

export function adoFixtureRoutes(request: SeenRequest, response: ServerResponse, state: AdoFixtureState): void {
  if (request.headers.authorization !== basic) return void response.writeHead(401, { 'www-authenticate': 'Basic realm="https://dev.azure.com/"' }).end();
  if (!request.query.get('api-version')?.startsWith('7.2')) return sendJson(response, 400, { message: 'api-version is required', typeKey: 'VssInvalidPreviewVersionException' });
  const prefix = `/${adoOrganization}`;
  const path = request.path.startsWith(prefix) ? request.path.slice(prefix.length) : request.path;
  if (path === '/_apis/projects') return sendSkipPage(request, response, adoFixture('projects').value);
  if (path === `/_apis/projects/${project}/teams`) return sendSkipPage(request, response, adoFixture('teams').value);
  const states = /^\/([^/]+)\/_apis\/wit\/workitemtypes\/([^/]+)\/states$/.exec(path);
  if (states && states[1] === project) {
    const list = adoFixture('states')[decodeURIComponent(states[2]!)];
    return list ? sendJson(response, 200, list) : sendJson(response, 404, { message: 'work item type not found', typeKey: 'WorkItemTypeNotFoundException' });
  }
  if (path === `/${project}/_apis/wit/reporting/workitemrevisions`) {
    if (++state.feedReads === 1 && state.faults) return sendJson(response, 429, { message: 'rate limited' }, { 'retry-after': '2', 'x-ratelimit-resource': 'ATCPU', 'x-ratelimit-limit': '200', 'x-ratelimit-remaining': '0' });
    return sendFeedBatch(request, response);
  }
  const item = /^\/([^/]+)\/_apis\/wit\/workItems\/(\d+)\/revisions$/.exec(path);
  if (item && item[1] === project) {
    const revisions = (adoFixture('revisions').revisions as { id: number }[]).filter((revision) => revision.id === Number(item[2]));
    return sendSkipPage(request, response, revisions);
  }
  if (path === `/${project}/_apis/wit/recyclebin`) return sendJson(response, 200, adoFixture('recyclebin'));
  sendJson(response, 404, { message: `no route ${path}`, typeKey: 'NotFoundException' });
}

/** `$top`/`$skip` over a list, wrapped as Azure DevOps wraps every collection. */
function sendSkipPage(request: SeenRequest, response: ServerResponse, all: unknown[]): void {
  const top = Number(request.query.get('$top') ?? 100);
  const skip = Number(request.query.get('$skip') ?? 0);
  const value = all.slice(skip, skip + top);
  sendJson(response, 200, { count: value.length, value });
}

function sendFeedBatch(request: SeenRequest, response: ServerResponse): void {
  const revisions = adoFixture('revisions').revisions as { fields: Record<string, unknown> }[];
  const token = request.query.get('continuationToken');
  const since = request.query.get('startDateTime');
  let at = token !== null ? Number(token) : 0;
  if (token === null && since !== null) {
    const index = revisions.findIndex((revision) => Date.parse(String(revision.fields['System.ChangedDate'])) > Date.parse(since));
    at = index < 0 ? revisions.length : index;
  }
  const values = revisions.slice(at, at + batchSize);
  const next = at + values.length;
  sendJson(response, 200, { values, continuationToken: String(next), isLastBatch: next >= revisions.length });
}
