import type { DemoOrg } from '../generator/index.ts';
import { ADO_ORGANIZATION, ADO_TOKEN } from '../generator/variations/azure-devops-projects.ts';
import type { ApiReply, ApiRequest, Fault, RunningServer, ServerOptions } from './http-kit.ts';
import { startApiServer } from './http-kit.ts';
import { buildAdoIndex, type AdoIndex } from './azure-devops-index.ts';
import { feedBatch, skipPage, workItemRevisionsPage } from './azure-devops-paging.ts';
import { STATES } from './azure-devops-revisions.ts';

/**
 * A local Azure DevOps Services (REST 7.2) serving the demo company's Azure DevOps projects under
 * `/{organization}`: projects and teams (Core), work item type states, the reporting revisions
 * feed, a work item's revisions and the recycle bin (Work Item Tracking). Basic auth with a
 * personal access token as the password (any user name); every request names an `api-version`.
 */

export interface AdoServerOptions extends ServerOptions {
  /** Work item ids (demo task source ids) in the recycle bin. */
  deleted?: readonly string[];
}

export function startAzureDevOpsServer(org: DemoOrg, options: AdoServerOptions = {}): Promise<RunningServer> {
  let index: AdoIndex | undefined;
  return startApiServer(
    {
      basePath: `/${ADO_ORGANIZATION}`,
      handle: (request) => {
        if (!authorised(request.headers.authorization)) return { status: 401, body: { message: 'TF400813: The user is not authorized to access this resource.', typeKey: 'UnauthorizedRequestException' }, headers: { 'www-authenticate': 'Basic realm="https://dev.azure.com/"' } };
        if (request.method !== 'GET') return adoError(405, 'The requested resource does not support this method.', 'MethodNotAllowedException');
        if (!request.query.get('api-version')) return adoError(400, 'No api-version was supplied for the "GET" request. An api-version is required.', 'VssInvalidPreviewVersionException');
        index ??= buildAdoIndex(org, request.origin + `/${ADO_ORGANIZATION}`, options.deleted);
        return route(index, request);
      },
      faultReply: (fault, now) => adoFault(fault, now),
    },
    options,
  );
}

function authorised(header: string | undefined): boolean {
  if (!header?.startsWith('Basic ')) return false;
  const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1) === ADO_TOKEN;
}

function route(index: AdoIndex, request: ApiRequest): ApiReply {
  const path = request.path;
  if (path === '/_apis/projects') {
    const all = index.projects.map((project) => ({ id: project.id, name: project.name, description: project.description, url: `${request.origin}/${ADO_ORGANIZATION}/_apis/projects/${project.id}`, state: 'wellFormed', revision: 12, visibility: 'private', lastUpdateTime: '2025-06-01T08:00:00Z' }));
    return skipPage(request, all);
  }
  const teams = /^\/_apis\/projects\/([^/]+)\/teams$/.exec(path);
  if (teams) {
    const project = index.byRef.get(decodeURIComponent(teams[1]!).toLowerCase()) ?? index.byRef.get(decodeURIComponent(teams[1]!));
    if (!project) return notFound(`TF200016: The following project does not exist: ${teams[1]}.`, 'ProjectDoesNotExistWithNameException');
    return skipPage(request, project.teams.map((team) => ({ id: team.id, name: team.name, url: `${request.origin}/${ADO_ORGANIZATION}/_apis/projects/${project.id}/teams/${team.id}`, description: `The ${team.name} team`, identityUrl: `${request.origin}/_apis/Identities/${team.id}`, projectName: project.name, projectId: project.id })));
  }
  const inProject = /^\/([^/]+)(\/_apis\/wit\/.+)$/.exec(path);
  const project = inProject ? (index.byRef.get(decodeURIComponent(inProject[1]!)) ?? index.byRef.get(decodeURIComponent(inProject[1]!).toLowerCase())) : undefined;
  if (!inProject || !project) return notFound(`no route ${path}`, 'NotFoundException');
  const rest = inProject[2]!;
  if (/^\/_apis\/wit\/workitemtypes\/[^/]+\/states$/.test(rest)) return { status: 200, body: { count: STATES.length, value: STATES } };
  if (rest === '/_apis/wit/reporting/workitemrevisions') return feedBatch(request, project);
  const item = /^\/_apis\/wit\/workItems\/(\d+)\/revisions$/.exec(rest);
  if (item) {
    const revisions = project.revisionsById.get(Number(item[1]));
    return revisions ? workItemRevisionsPage(request, revisions) : notFound(`TF401232: Work item ${item[1]} does not exist, or you do not have permissions to read it.`, 'WorkItemUnauthorizedAccessException');
  }
  if (rest === '/_apis/wit/recyclebin') {
    const value = project.deleted.map((id) => ({ id, url: `${request.origin}/${ADO_ORGANIZATION}/${project.id}/_apis/wit/recyclebin/${id}` }));
    return { status: 200, body: { count: value.length, value } };
  }
  return notFound(`no route ${path}`, 'NotFoundException');
}

function adoError(status: number, message: string, typeKey: string): ApiReply {
  return { status, body: { $id: '1', innerException: null, message, typeName: `Microsoft.VisualStudio.Services.WebApi.${typeKey}, Microsoft.VisualStudio.Services.WebApi`, typeKey, errorCode: 0, eventId: 3000 } };
}

function notFound(message: string, typeKey: string): ApiReply {
  return adoError(404, message, typeKey);
}

/** Azure DevOps' global rate limiting: 429 with Retry-After and the X-RateLimit-* headers (Reset in epoch seconds). */
function adoFault(fault: Fault, now: Date): ApiReply {
  if (fault.kind === 'server-error') return adoError(503, 'The service is temporarily unavailable.', 'ServiceUnavailableException');
  const reset = Math.ceil(now.getTime() / 1000) + fault.retryAfterSeconds;
  return {
    ...adoError(429, 'Request was blocked due to exceeding usage of resource \'ATCPU\'.', 'RequestBlockedException'),
    headers: { 'retry-after': String(fault.retryAfterSeconds), 'x-ratelimit-resource': 'ATCPU', 'x-ratelimit-delay': '0', 'x-ratelimit-limit': '200', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
  };
}
