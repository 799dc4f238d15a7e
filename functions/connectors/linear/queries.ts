/**
 * Every GraphQL document the connector sends, and nothing else: a test validates each against
 * Linear's published schema (test/connectors/linear-queries.test.ts), so a field Linear renames
 * fails there, not in a customer's sync. Lists are Relay connections read forward (`first`,
 * `after`, `pageInfo { hasNextPage endCursor }`). Page sizes keep each query under Linear's
 * per-query complexity cap (10,000 points: 0.1 a field, 1 an object, a connection times its
 * `first`): an issue page with its labels and first 25 history entries scores 7,916 by that rule.
 */

const pageInfo = 'pageInfo { hasNextPage endCursor }';

export const usersQuery = `query Users($first: Int!, $after: String) {
  users(first: $first, after: $after, includeDisabled: true) { nodes { id name displayName email active } ${pageInfo} }
}`;

export const projectsQuery = `query Projects($first: Int!, $after: String) {
  projects(first: $first, after: $after, includeArchived: true) {
    nodes {
      id name createdAt updatedAt archivedAt trashed
      lead { id }
      initiatives(first: 5) { nodes { name } }
      labels(first: 20) { nodes { name } }
      teams(first: 10) { nodes { key } }
    }
    ${pageInfo}
  }
}`;

/** The fields of one history entry the connector reads: state moves and due-date changes. */
const historyFields = 'id createdAt fromState { name type } toState { name type } fromDueDate toDueDate';

/** Issues changed since a time (`filter.updatedAt.gt`), archived and trashed ones included, oldest change first. */
export const issuesQuery = `query Issues($first: Int!, $after: String, $filter: IssueFilter, $historyFirst: Int!) {
  issues(first: $first, after: $after, filter: $filter, orderBy: updatedAt, includeArchived: true) {
    nodes {
      id identifier title createdAt updatedAt startedAt completedAt canceledAt archivedAt trashed
      dueDate estimate previousIdentifiers
      state { name type }
      team { id key name }
      project { id }
      assignee { id }
      parent { identifier }
      labels(first: 20) { nodes { name } }
      history(first: $historyFirst) { nodes { ${historyFields} } ${pageInfo} }
    }
    ${pageInfo}
  }
}`;

/** The rest of one issue's history, when the issue page held only its first entries. */
export const issueHistoryQuery = `query IssueHistory($id: String!, $first: Int!, $after: String) {
  issue(id: $id) { history(first: $first, after: $after) { nodes { ${historyFields} } ${pageInfo} } }
}`;

/** For `sources inspect`: the teams with their workflow states, and the estimation scale. */
export const teamStatesQuery = `query TeamStates($first: Int!, $after: String) {
  teams(first: $first, after: $after) {
    nodes { id key name issueEstimationType states(first: 50) { nodes { name type } } }
    ${pageInfo}
  }
}`;

export const allQueries = { usersQuery, projectsQuery, issuesQuery, issueHistoryQuery, teamStatesQuery } as const;

/** Page sizes: the largest Linear allows (250) for flat lists; issues fewer, for complexity. */
export const pageSizes = { users: 100, projects: 50, issues: 50, historyInline: 25, history: 100, teamStates: 20 } as const;
