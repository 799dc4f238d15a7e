import type { JiraSourceConfig } from '../../config/index.ts';
import type { SyncContext } from '../kit/connector.ts';
import { describeRequest } from '../kit/errors.ts';
import type { HttpClient, HttpClientOptions } from '../kit/http-client.ts';
import { createSourceHttp } from '../kit/source-http.ts';
import { buildUrl, parsePage } from '../kit/page.ts';
import {
  JiraChangelogBulkSchema,
  JiraFieldListSchema,
  JiraIdPageSchema,
  JiraListSchema,
  JiraProjectPageSchema,
  JiraSearchPageSchema,
  JiraWorklogChangePageSchema,
  JiraWorklogPageSchema,
} from './schema.ts';

/**
 * Jira Cloud REST v3 over the shared HTTP client: the calls pmpulse makes and their paging.
 * Pages come back as raw records; validation of each record happens in the connector.
 */

export interface WorklogChangePage {
  ids: string[];
  /** Where the next read starts (`since` of the next page or sync). */
  until: number;
  /** No page follows: the feed is read to its end. */
  last: boolean;
}

export interface IdPage {
  ids: string[];
  /** The `nextPageToken` of the page that follows; undefined after the last. */
  next: string | undefined;
}

export interface JiraClient {
  /** Every field of the site (raw `{id, name, ...}`), to resolve fields the config names. */
  fields(): Promise<unknown[]>;
  /** Every status of the site (raw), for the category of each status id. */
  statuses(): Promise<unknown[]>;
  projectPages(): AsyncGenerator<unknown[]>;
  issuePages(jql: string, fields: readonly string[]): AsyncGenerator<unknown[]>;
  /** Ids only: the cheapest full listing, for reconciling deletions; from `from`, a page's `next`, when given. */
  issueIdPages(jql: string, from?: string): AsyncGenerator<IdPage>;
  /** Every worklog of one issue, for issues that embed only the first 20. */
  worklogs(issueId: string): Promise<unknown[]>;
  worklogsUpdated(since: number): AsyncGenerator<WorklogChangePage>;
  worklogsDeleted(since: number): AsyncGenerator<WorklogChangePage>;
  /** Full worklogs by id (up to 1000 per call). */
  worklogList(ids: readonly string[]): Promise<unknown[]>;
  /** Histories (raw) of up to 1000 issues, by issue id, with the items of the named fields only (at most 10). */
  changelogs(issueIds: readonly string[], fieldIds: readonly string[]): Promise<Map<string, unknown[]>>;
}

/** Largest page each call serves (the server caps larger asks anyway). */
export const pageSize = { projects: 50, issues: 100, ids: 5000, worklogs: 1000, worklogList: 1000, changelogs: 1000 } as const;

export function createJiraHttp(context: SyncContext<JiraSourceConfig>, overrides: Partial<HttpClientOptions> = {}): HttpClient {
  const basic = Buffer.from(`${context.source.email}:${context.token}`).toString('base64');
  return createSourceHttp(context, { headers: { authorization: `Basic ${basic}` }, secrets: [context.token, basic], retryMessage: 'retrying Jira request' }, overrides);
}

export function createJiraClient(http: HttpClient, baseUrl: string, source: string): JiraClient {
  const url = (path: string, query?: Record<string, string | number | undefined>) => buildUrl(baseUrl, `/rest/api/3${path}`, query);
  const get = async <S extends Parameters<typeof parsePage>[0]>(schema: S, target: string) =>
    parsePage(schema, await http.getJson(target), source, describeRequest('GET', target));
  const post = async <S extends Parameters<typeof parsePage>[0]>(schema: S, target: string, body: unknown) =>
    parsePage(schema, await http.postJson(target, body), source, describeRequest('POST', target));

  /** `/worklog/updated` and `/worklog/deleted` page by moving `since` to the page's `until`. */
  async function* worklogChanges(path: string, since: number): AsyncGenerator<WorklogChangePage> {
    for (let from = since; ; ) {
      const page = await get(JiraWorklogChangePageSchema, url(path, { since: from }));
      const last = page.lastPage || page.until <= from;
      yield { ids: page.values.map((value) => value.worklogId), until: page.until, last };
      if (last) return;
      from = page.until;
    }
  }

  return {
    fields: () => get(JiraFieldListSchema, url('/field')),
    statuses: () => get(JiraListSchema, url('/status')),

    async *projectPages() {
      for (let startAt = 0; ; ) {
        const page = await get(JiraProjectPageSchema, url('/project/search', { startAt, maxResults: pageSize.projects, expand: 'lead' }));
        yield page.values;
        startAt += page.values.length;
        const last = page.isLast ?? (page.total === undefined || startAt >= page.total);
        if (last || page.values.length === 0) return;
      }
    },

    async *issuePages(jql, fields) {
      let nextPageToken: string | undefined;
      do {
        const query = { jql, maxResults: pageSize.issues, fields: fields.join(','), nextPageToken };
        const page = await get(JiraSearchPageSchema, url('/search/jql', query));
        yield page.issues;
        nextPageToken = page.nextPageToken ?? undefined;
      } while (nextPageToken);
    },

    async *issueIdPages(jql, from) {
      let nextPageToken = from;
      do {
        // No `fields`: the search answers ids only, and then serves its largest pages.
        const page = await get(JiraIdPageSchema, url('/search/jql', { jql, maxResults: pageSize.ids, nextPageToken }));
        nextPageToken = page.nextPageToken ?? undefined;
        yield { ids: page.issues.map((issue) => issue.id), next: nextPageToken };
      } while (nextPageToken);
    },

    async worklogs(issueId) {
      const all: unknown[] = [];
      for (let startAt = 0; ; ) {
        const target = url(`/issue/${encodeURIComponent(issueId)}/worklog`, { startAt, maxResults: pageSize.worklogs });
        const page = await get(JiraWorklogPageSchema, target);
        all.push(...page.worklogs);
        startAt = page.startAt + page.worklogs.length;
        if (page.worklogs.length === 0 || startAt >= page.total) return all;
      }
    },

    worklogsUpdated: (since) => worklogChanges('/worklog/updated', since),
    worklogsDeleted: (since) => worklogChanges('/worklog/deleted', since),
    worklogList: (ids) => post(JiraListSchema, url('/worklog/list'), { ids: ids.map(Number) }),

    async changelogs(issueIds, fieldIds) {
      const byIssue = new Map<string, unknown[]>();
      let nextPageToken: string | undefined;
      do {
        const body = { issueIdsOrKeys: issueIds, fieldIds, maxResults: pageSize.changelogs, ...(nextPageToken ? { nextPageToken } : {}) };
        const page = await post(JiraChangelogBulkSchema, url('/changelog/bulkfetch'), body);
        // One issue's histories may continue on the next page.
        for (const log of page.issueChangeLogs) byIssue.set(log.issueId, [...(byIssue.get(log.issueId) ?? []), ...log.changeHistories]);
        nextPageToken = page.nextPageToken ?? undefined;
      } while (nextPageToken);
      return byIssue;
    },
  };
}
