import type { ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { fixedNow } from '../fixtures.ts';
import { sendJson, type SeenRequest } from '../helpers/local-server.ts';

/**
 * Linear's stored raw pages (test/fixtures/linear) behind Linear's GraphQL endpoint: each query is
 * validated with graphql-js against the demo's trimmed vendor schema, lists are served as the
 * stored Relay pages (an `after` must be the previous page's `endCursor`), an incremental read
 * (`filter.updatedAt.gt`) gets the stored issues changed after that instant. Faults on request:
 * the first issue page answers `RATELIMITED` (HTTP 400, requests budget empty, reset 2 s after
 * the fixed clock), or carries `errors` beside its data under HTTP 200.
 */

export const linearFixtureKey = 'lin_api_fixture000000000000000000000000000000';

const schema = buildSchema(readFileSync(new URL('../../../demo/servers/linear-schema.graphql', import.meta.url), 'utf8'));
const read = (name: string): { data: Record<string, { nodes: unknown[]; pageInfo: unknown }> } =>
  JSON.parse(readFileSync(new URL(`../../fixtures/linear/${name}.json`, import.meta.url), 'utf8')) as never;

export interface LinearFixtureState {
  rateLimited: boolean;
  errorsIn200: boolean;
  issueReads: number;
  /** Every request's operation and variables, for tests that check what was asked. */
  asked: { operation: string; variables: Record<string, unknown> }[];
}

export function linearFixtureState(options: { rateLimited?: boolean; errorsIn200?: boolean } = {}): LinearFixtureState {
  return { rateLimited: options.rateLimited ?? false, errorsIn200: options.errorsIn200 ?? false, issueReads: 0, asked: [] };
}

const budgetHeaders = { 'x-ratelimit-requests-limit': '5000', 'x-ratelimit-requests-remaining': '4999', 'x-ratelimit-requests-reset': String(fixedNow().getTime() + 3_600_000), 'x-complexity': '100' };
const fail = (response: ServerResponse, message: string, code: string, headers: Record<string, string> = {}) => sendJson(response, 400, { errors: [{ message, extensions: { code } }] }, headers);

export function linearFixtureRoutes(request: SeenRequest, response: ServerResponse, state: LinearFixtureState): void {
  if (request.headers.authorization !== linearFixtureKey) return fail(response, 'Authentication required, not authenticated', 'AUTHENTICATION_ERROR');
  const body = request.body as { query?: string; variables?: Record<string, unknown> } | undefined;
  const problems = body?.query ? validate(schema, parse(body.query)) : [];
  if (!body?.query || problems.length) return fail(response, problems[0]?.message ?? 'no query', 'GRAPHQL_VALIDATION_FAILED');
  const variables = body.variables ?? {};
  const operation = /^\s*query\s+(\w+)/.exec(body.query)?.[1] ?? '';
  state.asked.push({ operation, variables });
  const ok = (answer: unknown) => sendJson(response, 200, answer, budgetHeaders);
  if (operation === 'Users') return ok(read('users-page-1'));
  if (operation === 'Projects') return ok(read('projects-page-1'));
  if (operation === 'IssueHistory') {
    if (variables.after !== 'aGlzdG9yeTox') return fail(response, 'invalid cursor', 'INVALID_INPUT');
    return ok(read(`issue-history-${String(variables.id)}`));
  }
  if (operation !== 'Issues') return fail(response, `no stored answer for ${operation}`, 'INVALID_INPUT');
  state.issueReads += 1;
  if (state.rateLimited && state.issueReads === 1) {
    const reset = String(fixedNow().getTime() + 2000);
    return fail(response, 'Rate limit exceeded', 'RATELIMITED', { ...budgetHeaders, 'x-ratelimit-requests-remaining': '0', 'x-ratelimit-requests-reset': reset });
  }
  const since = (variables.filter as { updatedAt?: { gt?: string } } | undefined)?.updatedAt?.gt;
  if (since) return ok(changedSince(since));
  if (variables.after === null || variables.after === undefined) {
    const page = read('issues-page-1');
    return ok(state.errorsIn200 ? { ...page, errors: [{ message: 'Cannot return null for non-nullable field Issue.team', path: ['issues', 'nodes', 1, 'team'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }] } : page);
  }
  if (variables.after === 'aXNzdWVzOjI') return ok(read('issues-page-2'));
  return fail(response, 'invalid cursor', 'INVALID_INPUT');
}

/** The stored issues updated after `since`, as one page. */
function changedSince(since: string) {
  const nodes = [...read('issues-page-1').data.issues!.nodes, ...read('issues-page-2').data.issues!.nodes].filter((node) => {
    const updatedAt = (node as { updatedAt?: string }).updatedAt;
    return updatedAt !== undefined && Date.parse(updatedAt) > Date.parse(since);
  });
  return { data: { issues: { nodes, pageInfo: { hasNextPage: false, endCursor: null } } } };
}
