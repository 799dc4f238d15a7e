import type { AzureDevOpsSourceConfig } from '../../config/index.ts';
import type { SyncContext } from '../kit/connector.ts';
import { describeRequest } from '../kit/errors.ts';
import type { HttpClient, HttpClientOptions } from '../kit/http-client.ts';
import { createSourceHttp } from '../kit/source-http.ts';
import { buildUrl, parsePage } from '../kit/page.ts';
import { pacedFetch } from './rate-limit.ts';
import { AdoListSchema, AdoRevisionsBatchSchema, type AdoRevisionsBatch } from './schema.ts';

/**
 * Azure DevOps REST 7.2 over the shared HTTP client. Paths start with the organization; the
 * project may be its name or id. Each operation names the `api-version` its document declares.
 */

export interface AdoClient {
  projects(): AsyncGenerator<unknown[]>;
  teams(projectId: string): AsyncGenerator<unknown[]>;
  /** The states of one work item type, each with its category. */
  states(project: string, type: string): Promise<unknown[]>;
  /** One batch of the reporting revisions feed: from `continuationToken`, or from `startDateTime`, or from the start. */
  revisions(project: string, fields: readonly string[], from: { continuationToken?: string; startDateTime?: string }): Promise<AdoRevisionsBatch>;
  /** Every revision of one work item, oldest first. */
  workItemRevisions(project: string, id: number): Promise<unknown[]>;
  /** The recycle bin: work items deleted and not yet destroyed. */
  recycleBin(project: string): Promise<unknown[]>;
}

export const apiVersion = {
  projects: '7.2-preview.4',
  teams: '7.2-preview.3',
  states: '7.2-preview.1',
  revisions: '7.2-preview.2',
  workItemRevisions: '7.2-preview.3',
  recycleBin: '7.2-preview.2',
} as const;

export const pageSize = { projects: 100, teams: 100, revisions: 200, workItemRevisions: 200 } as const;

export function createAdoHttp(context: SyncContext<AzureDevOpsSourceConfig>, overrides: Partial<HttpClientOptions> = {}): HttpClient {
  // A personal access token goes as the password of Basic auth, with an empty user name.
  const basic = Buffer.from(`:${context.token}`).toString('base64');
  const sleep = context.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const fetch = pacedFetch(context.fetch, { now: context.now, sleep, onPause: (ms) => context.log.info('Azure DevOps asked to slow down', { source: context.source.name, waitMs: ms }) });
  return createSourceHttp(context, { fetch, headers: { authorization: `Basic ${basic}` }, secrets: [context.token, basic], retryMessage: 'retrying Azure DevOps request' }, overrides);
}

export function createAdoClient(http: HttpClient, config: Pick<AzureDevOpsSourceConfig, 'baseUrl' | 'organization'>, source: string): AdoClient {
  const root = `${config.baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(config.organization)}`;
  const inProject = (project: string) => `${root}/${encodeURIComponent(project)}`;

  async function list(url: string): Promise<unknown[]> {
    return parsePage(AdoListSchema, await http.getJson(url), source, describeRequest('GET', url)).value;
  }

  /** `$top`/`$skip` paging: a page shorter than `$top` is the last. */
  async function* skipPages(base: string, path: string, top: number, version: string): AsyncGenerator<unknown[]> {
    for (let skip = 0; ; skip += top) {
      const page = await list(buildUrl(base, path, { $top: top, $skip: skip, 'api-version': version }));
      yield page;
      if (page.length < top) return;
    }
  }

  return {
    projects: () => skipPages(root, '/_apis/projects', pageSize.projects, apiVersion.projects),
    teams: (projectId) => skipPages(root, `/_apis/projects/${encodeURIComponent(projectId)}/teams`, pageSize.teams, apiVersion.teams),
    states: (project, type) => list(buildUrl(inProject(project), `/_apis/wit/workitemtypes/${encodeURIComponent(type)}/states`, { 'api-version': apiVersion.states })),
    async revisions(project, fields, from) {
      const url = buildUrl(inProject(project), '/_apis/wit/reporting/workitemrevisions', {
        fields: fields.join(','),
        includeIdentityRef: 'true',
        continuationToken: from.continuationToken,
        // The document: startDateTime "cannot be used in conjunction with" the watermark.
        startDateTime: from.continuationToken === undefined ? from.startDateTime : undefined,
        $maxPageSize: pageSize.revisions,
        'api-version': apiVersion.revisions,
      });
      return parsePage(AdoRevisionsBatchSchema, await http.getJson(url), source, describeRequest('GET', url));
    },
    async workItemRevisions(project, id) {
      const all: unknown[] = [];
      for await (const page of skipPages(inProject(project), `/_apis/wit/workItems/${id}/revisions`, pageSize.workItemRevisions, apiVersion.workItemRevisions)) all.push(...page);
      return all;
    },
    recycleBin: (project) => list(buildUrl(inProject(project), '/_apis/wit/recyclebin', { 'api-version': apiVersion.recycleBin })),
  };
}
