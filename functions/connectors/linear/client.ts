import type { GraphqlClient } from './graphql.ts';
import { issueHistoryQuery, issuesQuery, pageSizes, projectsQuery, usersQuery } from './queries.ts';
import { connectionPage, IssueHistoryPageSchema } from './schema.ts';

/**
 * Linear's lists, page by page, following Relay cursors (`after` = the last page's `endCursor`
 * while `hasNextPage`). Nodes come back unchecked: the connector validates each on its own.
 */

export interface CursorPage {
  nodes: unknown[];
  /** The cursor of the page after this one; undefined on the last page. */
  next: string | undefined;
}

export interface LinearClient {
  users(): AsyncGenerator<CursorPage>;
  projects(): AsyncGenerator<CursorPage>;
  /** Issues changed after `updatedAfter` (all when undefined) in the named teams (all when undefined), from `after`. */
  issues(options: { updatedAfter?: string | undefined; teams?: readonly string[] | undefined; after?: string | undefined }): AsyncGenerator<CursorPage>;
  /** One issue's history from `after` (the page its issue page held ends there). */
  issueHistory(issueId: string, after: string): AsyncGenerator<CursorPage>;
}

export function createLinearClient(graphql: GraphqlClient): LinearClient {
  async function* pages(root: string, query: string, variables: Record<string, unknown>, after?: string): AsyncGenerator<CursorPage> {
    const schema = connectionPage(root);
    let cursor = after;
    for (;;) {
      const data: Record<string, { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }> = await graphql.request(query, { ...variables, after: cursor ?? null }, schema);
      const { nodes, pageInfo } = data[root]!;
      const next = pageInfo.hasNextPage && pageInfo.endCursor ? pageInfo.endCursor : undefined;
      yield { nodes, next };
      if (!next) return;
      cursor = next;
    }
  }
  return {
    users: () => pages('users', usersQuery, { first: pageSizes.users }),
    projects: () => pages('projects', projectsQuery, { first: pageSizes.projects }),
    issues({ updatedAfter, teams, after }) {
      const filter: Record<string, unknown> = {};
      if (updatedAfter) filter.updatedAt = { gt: updatedAfter };
      if (teams) filter.team = { key: { in: [...teams] } };
      return pages('issues', issuesQuery, { first: pageSizes.issues, historyFirst: pageSizes.historyInline, filter }, after);
    },
    async *issueHistory(issueId, after) {
      let cursor: string | undefined = after;
      while (cursor) {
        const data: { issue: { history: { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } } = await graphql.request(issueHistoryQuery, { id: issueId, first: pageSizes.history, after: cursor }, IssueHistoryPageSchema);
        const { nodes, pageInfo } = data.issue.history;
        cursor = pageInfo.hasNextPage && pageInfo.endCursor ? pageInfo.endCursor : undefined;
        yield { nodes, next: cursor };
      }
    },
  };
}
