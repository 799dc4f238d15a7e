import type { ApiReply, ApiRequest } from './http-kit.ts';
import type { JiraIndex } from './jira-index.ts';
import { decodeToken, encodeToken } from './http-kit.ts';
import { renderIssue, selectFields } from './jira-issue.ts';
import { isJqlError, parseJql } from './jira-jql.ts';

const DEFAULT_PAGE = 50;
const MAX_PAGE = 100;
const MAX_ID_PAGE = 5000;

interface SearchInput {
  jql: string;
  maxResults?: number;
  fields: string[];
  nextPageToken?: string;
}

export function jiraError(status: number, message: string): ApiReply {
  return { status, body: { errorMessages: [message], errors: {} } };
}

/** What Jira answers a POST body that is not JSON. */
export const INVALID_PAYLOAD = 'Invalid request payload. Refer to the REST API documentation and try again.';

/** A POST body as JSON (an empty body is `{}`), or undefined when it is not JSON. */
export function parseJiraBody(body: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(body || '{}') as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** `GET|POST /rest/api/3/search/jql`: paged by an opaque `nextPageToken`, no `total`, no `startAt`. */
export function searchIssues(index: JiraIndex, request: ApiRequest, maxIdPage = MAX_ID_PAGE): ApiReply {
  const input = request.method === 'POST' ? fromBody(request.body) : fromQuery(request.query);
  if (typeof input === 'string') return jiraError(400, input);
  if (input.maxResults !== undefined && (!Number.isInteger(input.maxResults) || input.maxResults < 0)) {
    return jiraError(400, `The value '${input.maxResults}' is invalid for maxResults.`);
  }
  try {
    const query = parseJql(input.jql);
    const matches = index.search(query);
    const start = input.nextPageToken === undefined ? 0 : decodeToken(input.nextPageToken, query.canonical);
    if (start === undefined) return jiraError(400, 'The provided next page token is invalid or expired.');
    const fields = selectFields(input.fields);
    // Ids alone are cheap to send: Jira then serves pages of up to 5000.
    const size = Math.min(fields ? MAX_PAGE : maxIdPage, Math.max(1, input.maxResults ?? DEFAULT_PAGE));
    const page = matches.slice(start, start + size);
    const end = start + page.length;
    return {
      status: 200,
      body: {
        issues: page.map((task) => renderIssue(index, request.origin, task, fields)),
        ...(end < matches.length ? { nextPageToken: encodeToken(end, query.canonical) } : {}),
      },
    };
  } catch (error) {
    if (isJqlError(error)) return jiraError(400, error.message);
    throw error;
  }
}

function fromQuery(query: URLSearchParams): SearchInput | string {
  const maxResults = query.get('maxResults');
  const token = query.get('nextPageToken');
  return {
    jql: query.get('jql') ?? '',
    ...(maxResults !== null && maxResults !== '' ? { maxResults: Number(maxResults) } : {}),
    fields: query.getAll('fields'),
    ...(token ? { nextPageToken: token } : {}),
  };
}

function fromBody(body: string): SearchInput | string {
  const parsed = parseJiraBody(body);
  if (parsed === undefined) return INVALID_PAYLOAD;
  const fields = parsed['fields'];
  if (fields !== undefined && !(Array.isArray(fields) && fields.every((field) => typeof field === 'string'))) {
    return "The value of 'fields' must be an array of field ids.";
  }
  const token = parsed['nextPageToken'];
  return {
    jql: typeof parsed['jql'] === 'string' ? parsed['jql'] : '',
    ...(parsed['maxResults'] !== undefined ? { maxResults: Number(parsed['maxResults']) } : {}),
    fields: (fields as string[] | undefined) ?? [],
    ...(typeof token === 'string' && token !== '' ? { nextPageToken: token } : {}),
  };
}
