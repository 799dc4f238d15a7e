/**
 * The JQL the demo Jira understands: `project in (A, B)` (or `project = A`), `id in (1, 2)`, `updated >= <epoch ms>`,
 * joined by AND, with an optional `ORDER BY updated|key|created ASC|DESC`. Like the enhanced search
 * of Jira Cloud it refuses an empty or unbounded query.
 */
export interface JqlQuery {
  projectKeys?: string[];
  /** Issue ids (`id in (...)`). */
  ids?: string[];
  updatedFrom?: number;
  orderBy: 'updated' | 'key' | 'created';
  descending: boolean;
  /** A canonical text of the query, for caching and page-token fingerprints. */
  canonical: string;
}

export class JqlError extends Error {
  override name = 'JqlError';
}

export function isJqlError(error: unknown): error is JqlError {
  return error instanceof JqlError;
}

export function parseJql(text: string): JqlQuery {
  const trimmed = text.trim();
  if (trimmed === '') throw new JqlError('JQL query is required.');
  const order = /^(.*?)\s*\border\s+by\s+(\w+)(?:\s+(asc|desc))?\s*$/is.exec(trimmed);
  const where = (order ? order[1] : trimmed)?.trim() ?? '';
  const orderField = (order?.[2] ?? 'created').toLowerCase();
  if (orderField !== 'updated' && orderField !== 'key' && orderField !== 'created') {
    throw new JqlError(`Not able to sort using field '${order?.[2]}'.`);
  }
  if (where === '') throw new JqlError('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
  const query: JqlQuery = {
    orderBy: orderField,
    descending: order ? (order[3] ?? 'asc').toLowerCase() === 'desc' : true,
    canonical: '',
  };
  for (const clause of where.split(/\s+and\s+/i)) applyClause(query, clause.trim());
  query.canonical = JSON.stringify([query.projectKeys ?? null, query.ids ?? null, query.updatedFrom ?? null, query.orderBy, query.descending]);
  return query;
}

function applyClause(query: JqlQuery, clause: string): void {
  const inList = /^project\s+in\s*\(([^)]*)\)$/i.exec(clause);
  const equals = /^project\s*=\s*("?)([A-Za-z0-9_]+)\1$/i.exec(clause);
  const updated = /^updated\s*>=\s*(-?\d+)$/i.exec(clause);
  const idList = /^id\s+in\s*\(([^)]*)\)$/i.exec(clause);
  if (inList?.[1] !== undefined) {
    const keys = inList[1].split(',').map((key) => key.trim().replace(/^"(.*)"$/, '$1').toUpperCase()).filter(Boolean);
    if (keys.length === 0) throw new JqlError("Error in the JQL Query: Expecting a value but got ')'.");
    query.projectKeys = keys;
  } else if (equals?.[2] !== undefined) {
    query.projectKeys = [equals[2].toUpperCase()];
  } else if (idList?.[1] !== undefined) {
    const ids = idList[1].split(',').map((id) => id.trim()).filter(Boolean);
    if (ids.length === 0 || ids.some((id) => !/^\d+$/.test(id))) throw new JqlError("Error in the JQL Query: 'id in' expects issue ids.");
    query.ids = ids;
  } else if (updated?.[1] !== undefined) {
    query.updatedFrom = Number(updated[1]);
  } else {
    throw new JqlError(`Error in the JQL Query: the demo server does not understand '${clause}'.`);
  }
}
