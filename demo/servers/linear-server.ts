import { buildSchema, executeSync, GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import type { DemoOrg } from '../generator/index.ts';
import type { ApiReply, ApiRequest, Fault, RunningServer, ServerOptions } from './http-kit.ts';
import { startApiServer } from './http-kit.ts';
import { maxQueryComplexity, queryComplexity } from './linear-complexity.ts';
import { buildLinearRecords, type LinearRecords } from './linear-records.ts';
import { connection, RelayArgumentError } from './linear-relay.ts';

/**
 * A local Linear GraphQL API (`POST /graphql`) over the demo organisation's Linear projects.
 * graphql-js, the reference implementation, parses, validates and executes each query against
 * the trimmed vendor schema (linear-schema.graphql), so a query Linear would refuse is refused
 * here. Like Linear: errors come in the body (`extensions.code`), a bad query with HTTP 400;
 * every answer carries the request and complexity budgets; a query over 10,000 points is refused;
 * a rate-limit fault answers 400 with code `RATELIMITED` and the budget's reset time (epoch ms),
 * never a `Retry-After`.
 */

export const linearDemoKey = 'lin_api_demo0000000000000000000000000000000000';

const schema: GraphQLSchema = buildSchema(readFileSync(new URL('./linear-schema.graphql', import.meta.url), 'utf8'));
const hourMs = 3_600_000;
const budgets = { requests: 5_000, complexity: 3_000_000 };

export function startLinearServer(org: DemoOrg, options: ServerOptions = {}): Promise<RunningServer> {
  const records = buildLinearRecords(org);
  const now = options.now ?? (() => new Date());
  const used = { requests: 0, complexity: 0 };
  return startApiServer(
    {
      basePath: '/graphql',
      handle: (request) => answer(records, request, used, now()),
      faultReply: (fault, at) => faultReply(fault, at),
    },
    options,
  );
}

function answer(records: LinearRecords, request: ApiRequest, used: { requests: number; complexity: number }, now: Date): ApiReply {
  if (request.headers.authorization !== linearDemoKey) return errorReply(400, 'Authentication required, not authenticated', 'AUTHENTICATION_ERROR');
  if (request.method !== 'POST' || request.path !== '/') return { status: 404, body: { errors: [{ message: 'Not found' }] } };
  let body: { query?: unknown; variables?: unknown };
  let document: DocumentNode;
  try {
    body = JSON.parse(request.body) as typeof body;
    document = parse(String(body.query));
  } catch (error) {
    return errorReply(400, error instanceof GraphQLError ? error.message : 'Body is not a GraphQL request', 'GRAPHQL_PARSE_FAILED');
  }
  const invalid = validate(schema, document);
  if (invalid.length) return errorReply(400, invalid[0]!.message, 'GRAPHQL_VALIDATION_FAILED');
  const variables = (body.variables ?? {}) as Record<string, unknown>;
  const complexity = queryComplexity(document, variables);
  if (complexity > maxQueryComplexity) return errorReply(400, `Query too complex: ${complexity} points, at most ${maxQueryComplexity}`, 'INPUT_ERROR');
  used.requests += 1;
  used.complexity += complexity;
  const result = executeSync({ schema, document, variableValues: variables, rootValue: rootOf(records) });
  const headers = budgetHeaders(used, complexity, now);
  if (result.errors?.length) {
    const relay = result.errors.some((error) => error.originalError instanceof RelayArgumentError);
    return { status: relay ? 400 : 200, headers, body: { ...result, errors: result.errors.map((error) => ({ ...error.toJSON(), extensions: { code: relay ? 'INVALID_INPUT' : 'INTERNAL_SERVER_ERROR' } })) } };
  }
  return { status: 200, headers, body: result };
}

type Args = { first?: number | null; after?: string | null };
type IssueArgs = Args & { includeArchived?: boolean | null; filter?: { updatedAt?: { gt?: string; gte?: string; eq?: string }; team?: { key?: { eq?: string; in?: string[] } } } | null };

function rootOf(records: LinearRecords) {
  return {
    teams: (args: Args) => connection(records.teams, args, 'teams'),
    users: (args: Args) => connection(records.users, args, 'users'),
    projects: (args: Args) => connection(records.projects, args, 'projects'),
    issues: (args: IssueArgs) => connection(filterIssues(records, args), args, `issues:${JSON.stringify(args.filter ?? {})}`),
    issue: ({ id }: { id: string }) => {
      const issue = records.issuesById.get(id);
      if (!issue) throw new GraphQLError('Entity not found: Issue');
      return issue;
    },
  };
}

function filterIssues(records: LinearRecords, args: IssueArgs) {
  const updated = args.filter?.updatedAt;
  const keys = args.filter?.team?.key;
  return records.issues.filter((issue) => {
    if (issue.archivedAt && !args.includeArchived) return false;
    if (updated?.gt && !(issue.updatedAt > new Date(updated.gt).toISOString())) return false;
    if (updated?.gte && !(issue.updatedAt >= new Date(updated.gte).toISOString())) return false;
    if (keys?.eq && issue.team.key !== keys.eq) return false;
    if (keys?.in && !keys.in.includes(issue.team.key)) return false;
    return true;
  });
}

/** Linear's budget headers: remaining requests and complexity points, resets in epoch ms. */
function budgetHeaders(used: { requests: number; complexity: number }, cost: number, now: Date): Record<string, string> {
  const reset = String(now.getTime() + hourMs);
  return {
    'x-ratelimit-requests-limit': String(budgets.requests),
    'x-ratelimit-requests-remaining': String(Math.max(0, budgets.requests - used.requests)),
    'x-ratelimit-requests-reset': reset,
    'x-complexity': String(cost),
    'x-ratelimit-complexity-limit': String(budgets.complexity),
    'x-ratelimit-complexity-remaining': String(Math.max(0, budgets.complexity - used.complexity)),
    'x-ratelimit-complexity-reset': reset,
  };
}

function faultReply(fault: Fault, now: Date): ApiReply {
  if (fault.kind === 'server-error') return { status: 503, body: { errors: [{ message: 'Service unavailable' }] } };
  return {
    status: 400,
    headers: {
      'x-ratelimit-requests-limit': String(budgets.requests),
      'x-ratelimit-requests-remaining': '0',
      'x-ratelimit-requests-reset': String(now.getTime() + fault.retryAfterSeconds * 1000),
    },
    body: { errors: [{ message: 'Rate limit exceeded', extensions: { code: 'RATELIMITED', type: 'Ratelimited', userPresentableMessage: 'Too many requests.' } }] },
  };
}

function errorReply(status: number, message: string, code: string): ApiReply {
  return { status, body: { errors: [{ message, extensions: { code } }] } };
}
