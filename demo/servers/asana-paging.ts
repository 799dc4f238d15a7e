import type { ApiReply, ApiRequest } from './http-kit.ts';
import { decodeToken, encodeToken } from './http-kit.ts';
import type { FieldTree, Json } from './asana-fields.ts';
import { parseOptFields, project } from './asana-fields.ts';

/** Without `limit` Asana answers unpaged, but refuses a result too large to send that way. */
const UNPAGED_MAX = 100;

/** The query parameters that choose which records a list holds. */
const filters = ['workspace', 'project', 'owner', 'archived', 'modified_since'] as const;

export function asanaError(status: number, message: string): ApiReply {
  return { status, body: { errors: [{ message, help: 'For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors' }] } };
}

/** How a list renders its items: in full (for `opt_fields`) or compact; only the page's items are rendered. */
export interface RecordView<T> {
  full(item: T): Json;
  compact(item: T): Json;
}

/**
 * A list answer: `{data, next_page}` with `limit` 1..100 and an opaque `offset`, records cut down
 * to `opt_fields` (or to their compact form when none are named).
 */
export function listReply<T>(request: ApiRequest, records: readonly T[], view: RecordView<T>): ApiReply {
  // A token belongs to one listing: its path and the filters that pick its records.
  const fingerprint = [request.path, ...filters.map((name) => request.query.get(name) ?? '')].join('|');
  const limitText = request.query.get('limit');
  const limit = limitText === null ? undefined : Number(limitText);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 100)) {
    return asanaError(400, 'limit: Must be between 1 and 100');
  }
  const offsetText = request.query.get('offset');
  const start = offsetText === null ? 0 : decodeToken(offsetText, fingerprint);
  if (start === undefined) return asanaError(400, 'offset: Your pagination token is invalid.');
  if (limit === undefined && records.length > UNPAGED_MAX) {
    return asanaError(400, 'The result is too large. You should use pagination (may require specifying a workspace)!');
  }
  const size = limit ?? records.length;
  const page = records.slice(start, start + size);
  const end = start + page.length;
  return {
    status: 200,
    // `next_page` only answers a `limit` (Asana's NextPage: "only present when a limit query parameter is provided").
    body: { data: shape(request, page, view), ...(limit === undefined ? {} : { next_page: end < records.length ? nextPage(request, encodeToken(end, fingerprint)) : null }) },
  };
}

export function itemReply(request: ApiRequest, record: Json): ApiReply {
  const tree = parseOptFields(request.query.get('opt_fields'));
  return { status: 200, body: { data: tree ? project(record, tree) : record } };
}

function shape<T>(request: ApiRequest, records: readonly T[], view: RecordView<T>): Json[] {
  const tree: FieldTree | undefined = parseOptFields(request.query.get('opt_fields'));
  return records.map((record) => (tree ? project(view.full(record), tree) : view.compact(record)));
}

function nextPage(request: ApiRequest, offset: string): Json {
  const query = new URLSearchParams(request.query);
  query.set('offset', offset);
  const path = `${request.path}?${query.toString()}`;
  return { offset, path, uri: `${request.origin}/api/1.0${path}` };
}
