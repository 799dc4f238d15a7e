import type { JiraSourceConfig } from '../../config/index.ts';
import type { SyncContext } from '../kit/connector.ts';
import { describeRequest } from '../kit/errors.ts';
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../kit/http-client.ts';
import { buildUrl, parsePage } from '../kit/page.ts';
import {
  JiraFieldListSchema,
  JiraFieldSchema,
  JiraProjectPageSchema,
  JiraSearchPageSchema,
  JiraWorklogPageSchema,
  storyPointsFieldNames,
} from './schema.ts';

/**
 * Jira Cloud REST v3 over the shared HTTP client: the calls pmpulse makes and their paging.
 * Pages come back as raw records; validation of each record happens in the connector.
 */

export interface JiraClient {
  /** The story-points custom field id, found by name; undefined when the site has none. */
  discoverStoryPointsField(): Promise<string | undefined>;
  projectPages(): AsyncGenerator<unknown[]>;
  issuePages(jql: string, fields: readonly string[]): AsyncGenerator<unknown[]>;
  /** Every worklog of one issue, for issues that embed only the first 20. */
  worklogs(issueId: string): Promise<unknown[]>;
}

/** Largest page each call serves (the server caps larger asks anyway). */
const pageSize = { projects: 50, issues: 100, worklogs: 1000 } as const;

export function createJiraHttp(context: SyncContext<JiraSourceConfig>, overrides: Partial<HttpClientOptions> = {}): HttpClient {
  const basic = Buffer.from(`${context.source.email}:${context.token}`).toString('base64');
  return createHttpClient({
    source: context.source.name,
    fetch: context.fetch,
    headers: { authorization: `Basic ${basic}` },
    secrets: [context.token, basic],
    now: context.now,
    ...(context.signal ? { signal: context.signal } : {}),
    ...(context.sleep ? { sleep: context.sleep } : {}),
    ...(context.random ? { random: context.random } : {}),
    onRetry: (notice) => context.log.warn('retrying Jira request', { ...notice }),
    ...overrides,
  });
}

export function createJiraClient(http: HttpClient, baseUrl: string, source: string): JiraClient {
  const url = (path: string, query?: Record<string, string | number | undefined>) => buildUrl(baseUrl, `/rest/api/3${path}`, query);
  const get = async <S extends Parameters<typeof parsePage>[0]>(schema: S, target: string) =>
    parsePage(schema, await http.getJson(target), source, describeRequest('GET', target));

  return {
    async discoverStoryPointsField() {
      const fields = await get(JiraFieldListSchema, url('/field'));
      const named = new Set<string>(storyPointsFieldNames);
      for (const raw of fields) {
        const field = JiraFieldSchema.safeParse(raw);
        if (field.success && field.data.custom !== false && named.has(field.data.name)) return field.data.id;
      }
      return undefined;
    },

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
  };
}
