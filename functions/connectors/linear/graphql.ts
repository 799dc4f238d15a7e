import type { SyncContext } from '../kit/connector.ts';
import { ConnectorError, describeRequest } from '../kit/errors.ts';
import type { HttpClient } from '../kit/http-client.ts';
import { createSourceHttp } from '../kit/source-http.ts';
import { parsePage } from '../kit/page.ts';
import { createRedactor } from '../kit/redact.ts';
import type { LinearSourceConfig } from '../../config/index.ts';
import type * as z from 'zod';
import { retryAfterSeconds } from './rate-limit.ts';
import { GraphqlEnvelopeSchema, type GraphqlErrorEntry } from './schema.ts';

/**
 * GraphQL over the kit's HTTP client. A GraphQL server answers errors in the body, often with
 * HTTP 200 (Linear: 400 for a bad query or an exhausted budget), so the status alone says little.
 * `graphqlFetch` reads each answer's `errors` before the kit sees it: a rate limit becomes a 429
 * the kit waits out, a refused key a 401/403 (the kit's AuthError); `request` then refuses any
 * answer that still carries `errors`, data or not, with a typed `GraphqlError`.
 */

/** Error codes whose answer means "wait", "wrong key", "no permission". */
const rateLimited = 'RATELIMITED';
const authCodes: Record<string, number> = { AUTHENTICATION_ERROR: 401, FORBIDDEN: 403 };

/** A GraphQL answer with errors: the codes (and first message, redacted) name what went wrong. */
export class GraphqlError extends ConnectorError {
  override name = 'GraphqlError';
  readonly codes: readonly string[];
  constructor(details: { source: string; request: string; codes: readonly string[]; message: string | undefined }) {
    const codes = details.codes.length ? details.codes.join(', ') : 'no code';
    super(`answered GraphQL errors (${codes})${details.message ? `: ${details.message}` : ''}`, details);
    this.codes = details.codes;
  }
}

export function isGraphqlError(error: unknown): error is GraphqlError {
  return error instanceof GraphqlError;
}

/** Wraps `fetch` so the kit's retry rules apply to errors a GraphQL body carries. */
export function graphqlFetch(inner: typeof fetch, now: () => Date): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    const json = (response.headers.get('content-type') ?? '').includes('json');
    if (response.status !== 429 && !(json && (response.status === 200 || response.status === 400))) return response;
    const text = await response.text();
    const codes = json ? errorCodes(text) : [];
    const status = response.status === 429 || codes.includes(rateLimited) ? 429 : (codes.map((code) => authCodes[code]).find(Boolean) ?? (codes.length ? 200 : response.status));
    const headers = new Headers(response.headers);
    if (status === 429 && !headers.has('retry-after')) {
      const seconds = retryAfterSeconds(headers, now());
      if (seconds !== undefined) headers.set('retry-after', String(seconds));
    }
    // A 400 with GraphQL errors goes on as 200 so `request` reads and names them (the kit keeps no error bodies).
    return new Response(text, { status, statusText: response.statusText, headers });
  };
}

function errorCodes(text: string): string[] {
  try {
    const parsed = GraphqlEnvelopeSchema.safeParse(JSON.parse(text));
    return parsed.success ? (parsed.data.errors ?? []).map((error) => error.extensions?.code ?? '') : [];
  } catch {
    return [];
  }
}

export interface GraphqlClient {
  /** The `data` of one query, checked with `schema`; errors in the answer throw GraphqlError. */
  request<S extends z.ZodType>(query: string, variables: Record<string, unknown>, schema: S): Promise<z.output<S>>;
}

export function createGraphqlClient(context: SyncContext<LinearSourceConfig>): GraphqlClient {
  const { source, token, now } = context;
  const authorization = source.oauth ? `Bearer ${token}` : token;
  const http: HttpClient = createSourceHttp(context, { fetch: graphqlFetch(context.fetch, now), headers: { authorization }, secrets: [token, authorization], retryMessage: 'waiting before asking Linear again' });
  const redact = createRedactor([token, authorization]);
  return {
    async request(query, variables, schema) {
      const operation = /^\s*query\s+(\w+)/.exec(query)?.[1] ?? 'query';
      const request = `${describeRequest('POST', source.baseUrl)} (${operation})`;
      const body = parsePage(GraphqlEnvelopeSchema, await http.postJson(source.baseUrl, { query, variables }), source.name, request);
      if (body.errors?.length) throw graphqlError(source.name, request, body.errors, redact);
      return parsePage(schema, body.data ?? null, source.name, request);
    },
  };
}

function graphqlError(source: string, request: string, errors: readonly GraphqlErrorEntry[], redact: (text: string) => string): GraphqlError {
  const codes = [...new Set(errors.map((error) => error.extensions?.code).filter((code): code is string => Boolean(code)))];
  const first = errors[0]?.message;
  const message = first === undefined ? undefined : redact(first).slice(0, 200);
  return new GraphqlError({ source, request, codes, message });
}
