import type { AsanaSourceConfig } from '../../config/index.ts';
import type { SyncContext } from '../kit/connector.ts';
import { describeRequest } from '../kit/errors.ts';
import type { HttpClient, HttpClientOptions } from '../kit/http-client.ts';
import { createSourceHttp } from '../kit/source-http.ts';
import { buildUrl, parsePage } from '../kit/page.ts';
import { AsanaItemSchema, AsanaListSchema, AsanaMeSchema, optFields } from './schema.ts';
import { storyOptFields } from './stories.ts';

/**
 * Asana REST 1.0 over the shared HTTP client. Every list pages by `limit` and the opaque
 * `next_page.offset`; records come back raw and are validated one by one by the connector.
 */

export interface AsanaClient {
  /** The workspaces of the token's user, in Asana's order. */
  myWorkspaces(): Promise<string[]>;
  users(workspace: string): AsyncGenerator<unknown[]>;
  portfolios(workspace: string): AsyncGenerator<unknown[]>;
  portfolioItems(portfolio: string): AsyncGenerator<unknown[]>;
  /** One portfolio by gid (raw), for portfolios the config names. */
  portfolio(gid: string): Promise<unknown>;
  projects(workspace: string): AsyncGenerator<unknown[]>;
  /** A project's tasks, page by page with the offset of the next page, from `offset` when given. */
  projectTasks(project: string, modifiedSince?: string, offset?: string): AsyncGenerator<OffsetPage>;
  /** Direct subtasks of one task, all pages (project listings leave subtasks out). */
  subtasks(task: string): Promise<unknown[]>;
  /** Every time-tracking entry of one task, all pages. */
  taskTimeEntries(task: string): Promise<unknown[]>;
  /** The workspace's custom fields (for `pmpulse sources inspect`). */
  customFields(workspace: string): AsyncGenerator<unknown[]>;
  /** Every story of one task, all pages (the due-date changes are read from them: stories.ts). */
  taskStories(task: string): Promise<unknown[]>;
}

const limit = 100;

/** One page of a list and the offset of the next (absent on the last): where a resumed read goes on. */
export interface OffsetPage {
  data: unknown[];
  next: string | undefined;
}

export function createAsanaHttp(context: SyncContext<AsanaSourceConfig>, overrides: Partial<HttpClientOptions> = {}): HttpClient {
  return createSourceHttp(context, { headers: { authorization: `Bearer ${context.token}` }, secrets: [context.token], retryMessage: 'retrying Asana request' }, overrides);
}

export function createAsanaClient(http: HttpClient, baseUrl: string, source: string): AsanaClient {
  async function* pages(path: string, query: Record<string, string | undefined>, from?: string): AsyncGenerator<OffsetPage> {
    let offset = from;
    do {
      const target = buildUrl(baseUrl, path, { ...query, limit, offset });
      const page = parsePage(AsanaListSchema, await http.getJson(target), source, describeRequest('GET', target));
      offset = page.next_page?.offset;
      yield { data: page.data, next: offset };
    } while (offset);
  }

  async function* list(path: string, query: Record<string, string | undefined>): AsyncGenerator<unknown[]> {
    for await (const page of pages(path, query)) yield page.data;
  }

  return {
    async myWorkspaces() {
      const target = buildUrl(baseUrl, '/users/me');
      const me = parsePage(AsanaMeSchema, await http.getJson(target), source, describeRequest('GET', target));
      return me.data.workspaces.map((workspace) => workspace.gid);
    },
    // Not `/workspaces/{gid}/users`: Asana declares no `limit` there and caps it at 2000 users unpaged.
    users: (workspace) => list('/users', { workspace, opt_fields: optFields.users }),
    portfolios: (workspace) => list('/portfolios', { workspace, owner: 'me', opt_fields: optFields.portfolios }),
    async portfolio(gid) {
      const target = buildUrl(baseUrl, `/portfolios/${encodeURIComponent(gid)}`, { opt_fields: optFields.portfolios });
      return parsePage(AsanaItemSchema, await http.getJson(target), source, describeRequest('GET', target)).data;
    },
    portfolioItems: (portfolio) => list(`/portfolios/${encodeURIComponent(portfolio)}/items`, { opt_fields: optFields.portfolioItems }),
    projects: (workspace) => list('/projects', { workspace, archived: 'false', opt_fields: optFields.projects }),
    customFields: (workspace) => list(`/workspaces/${encodeURIComponent(workspace)}/custom_fields`, { opt_fields: 'name,resource_subtype,enum_options.name' }),
    // `GET /tasks?project=`: the only task listing Asana declares `modified_since` on (not `/projects/{gid}/tasks`).
    projectTasks: (project, modifiedSince, offset) => pages('/tasks', { project, opt_fields: optFields.tasks, modified_since: modifiedSince }, offset),
    async subtasks(task) {
      const all: unknown[] = [];
      for await (const page of list(`/tasks/${encodeURIComponent(task)}/subtasks`, { opt_fields: optFields.tasks })) all.push(...page);
      return all;
    },
    async taskTimeEntries(task) {
      const all: unknown[] = [];
      for await (const page of list(`/tasks/${encodeURIComponent(task)}/time_tracking_entries`, { opt_fields: optFields.timeEntries })) all.push(...page);
      return all;
    },
    async taskStories(task) {
      const all: unknown[] = [];
      for await (const page of list(`/tasks/${encodeURIComponent(task)}/stories`, { opt_fields: storyOptFields })) all.push(...page);
      return all;
    },
  };
}
