import { existsSync, readFileSync } from 'node:fs';
import { buildSchema, executeSync, isInputObjectType, isInterfaceType, isObjectType, parse, validate, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { LinearSourceConfig } from '../../functions/config/index.ts';
import { allQueries, linearConnector } from '../../functions/connectors/linear/index.ts';
import { inspectLinear } from '../../functions/connectors/linear/inspect.ts';
import { generateOrg } from '../../demo/generator/index.ts';
import { withLinearProjects } from '../../demo/generator/variations/linear-projects.ts';
import { maxQueryComplexity, queryComplexity } from '../../demo/servers/linear-complexity.ts';
import { linearDemoKey, startLinearServer } from '../../demo/servers/linear-server.ts';
import { drain } from './helpers/drain.ts';
import { withLongHistory } from './linear-long-history.ts';
import { silentLog } from './helpers/local-server.ts';

/**
 * Every GraphQL document the Linear connector sends is valid against Linear's published schema
 * (graphql-js, the reference implementation, validates it), with the variables it sends them with,
 * and stays under Linear's per-query complexity cap. The demo server's trimmed schema is checked to
 * be a true part of the vendor's. The vendor document is read from ../shared/vendor-specs (or
 * PMPULSE_VENDOR_SPECS); the trimmed extract in demo/servers is kept in the repository.
 */

const vendorFile = `${process.env.PMPULSE_VENDOR_SPECS ?? new URL('../../../shared/vendor-specs', import.meta.url).pathname}/linear-schema.graphql`;
const hasVendor = existsSync(vendorFile);
if (!hasVendor) console.warn(`linear-queries: ${vendorFile} is absent, so the checks against the full vendor schema are skipped (the trimmed extract is still checked)`);
const vendor = hasVendor ? buildSchema(readFileSync(vendorFile, 'utf8')) : undefined;
const trimmed = buildSchema(readFileSync(new URL('../../demo/servers/linear-schema.graphql', import.meta.url), 'utf8'));

interface Sent {
  query: string;
  variables: Record<string, unknown>;
}

/** The requests of one whole sync and one inspection against the demo server, as sent. */
async function sentRequests(): Promise<Sent[]> {
  const org = withLongHistory(withLinearProjects(generateOrg({ seed: 7, scale: 'small', asOf: '2026-03-31' })));
  const server = await startLinearServer(org, { now: () => new Date(org.now) });
  const sent: Sent[] = [];
  const recording: typeof fetch = async (input, init) => {
    sent.push(JSON.parse(String(init?.body)) as Sent);
    return fetch(input, init);
  };
  try {
    const source: LinearSourceConfig = { type: 'linear', name: 'linear-demo', baseUrl: server.url, tokenEnv: 'LINEAR_TOKEN', teams: org.projects.filter((p) => p.system === 'linear').map((p) => p.key) };
    const context = { source, token: linearDemoKey, fetch: recording, now: () => new Date(org.now), log: silentLog };
    await drain(linearConnector.read(context));
    await inspectLinear(context);
  } finally {
    await server.close();
  }
  return sent;
}

const requests = await sentRequests();

function variableProblems(schema: GraphQLSchema, request: Sent): string[] {
  // Variables are coerced before any field runs: their errors name the variable.
  const result = executeSync({ schema, document: parse(request.query), variableValues: request.variables, rootValue: {} });
  return (result.errors ?? []).map((error) => error.message).filter((message) => message.startsWith('Variable'));
}

describe('the Linear connector\'s GraphQL documents', () => {
  it('sends every document it has, and only those', () => {
    const sentQueries = new Set(requests.map((request) => request.query));
    expect([...sentQueries].sort()).toEqual(Object.values(allQueries).sort());
  });

  it.each(Object.entries(allQueries))('%s is valid against the demo server\'s trimmed schema', (_name, query) => {
    expect(validate(trimmed, parse(query)).map((error) => error.message)).toEqual([]);
  });

  it.skipIf(!hasVendor).each(Object.entries(allQueries))('%s is valid against Linear\'s published schema', (_name, query) => {
    expect(validate(vendor!, parse(query)).map((error) => error.message)).toEqual([]);
  });

  it.skipIf(!hasVendor)('sends variables of the types the published schema declares', () => {
    expect(requests.length).toBeGreaterThan(5);
    for (const request of requests) expect(variableProblems(vendor!, request), request.query.slice(0, 40)).toEqual([]);
  });

  it('keeps every query under Linear\'s complexity cap of 10,000 points', () => {
    const costs = requests.map((request) => queryComplexity(parse(request.query), request.variables));
    expect(Math.max(...costs)).toBeLessThanOrEqual(maxQueryComplexity);
    // An issue page: 50 issues × (fields, 20 labels, 25 history entries) — the largest query.
    const issuePage = requests.find((request) => request.query === allQueries.issuesQuery)!;
    expect(queryComplexity(parse(issuePage.query), issuePage.variables)).toBeGreaterThan(5_000);
  });

  it('scores complexity as Linear documents it (0.1 a field, 1 an object, connections times first)', () => {
    // 1 (teams) + 3 × (1 (nodes) + 2 × 0.1) + pageInfo 1 + 0.1 → 1 + 3 × (1.2 + 1.1) = 7.9 → 8
    expect(queryComplexity(parse('{ teams(first: 3) { nodes { id key } pageInfo { hasNextPage } } }'), {})).toBe(8);
  });
});

describe.skipIf(!hasVendor)('the demo server\'s trimmed schema', () => {
  it('holds only types, fields and arguments of Linear\'s schema, with the same types', () => {
    const problems: string[] = [];
    for (const type of Object.values(trimmed.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      const theirs = vendor!.getType(type.name);
      if (!theirs) {
        problems.push(`type ${type.name} is not Linear's`);
        continue;
      }
      if (!(isObjectType(type) || isInputObjectType(type) || isInterfaceType(type))) continue;
      const theirFields = (theirs as typeof type).getFields() as Record<string, { type: unknown; args?: readonly { name: string; type: unknown }[] }>;
      for (const field of Object.values(type.getFields()) as { name: string; type: unknown; args?: readonly { name: string; type: unknown }[] }[]) {
        const their = theirFields[field.name];
        if (!their) problems.push(`${type.name}.${field.name} is not Linear's`);
        else if (String(their.type) !== String(field.type)) problems.push(`${type.name}.${field.name}: ${String(field.type)}, Linear ${String(their.type)}`);
        for (const arg of field.args ?? []) {
          const theirArg = their?.args?.find((candidate) => candidate.name === arg.name);
          if (!theirArg || String(theirArg.type) !== String(arg.type)) problems.push(`${type.name}.${field.name}(${arg.name}) differs from Linear's`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
