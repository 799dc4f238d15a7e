import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOrg } from '../../demo/generator/index.ts';
import { withLinearProjects } from '../../demo/generator/variations/linear-projects.ts';
import type { RunningServer } from '../../demo/servers/http-kit.ts';
import { linearDemoKey, startLinearServer } from '../../demo/servers/linear-server.ts';

/** The demo's Linear answers as Linear does: errors in the body with their codes, Relay pages, budget headers, the complexity cap. */

const org = withLinearProjects(generateOrg({ seed: 11, scale: 'small', asOf: '2026-03-31' }));
const linearIds = new Set(org.projects.filter((project) => project.system === 'linear').map((project) => project.id));
const linearTasks = org.tasks.filter((task) => linearIds.has(task.projectId));
const now = new Date(org.now);

async function post(server: RunningServer, query: string, variables: Record<string, unknown> = {}, authorization = linearDemoKey) {
  const response = await fetch(server.url, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

describe('startLinearServer', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startLinearServer(org, { now: () => now });
  });
  afterAll(() => server.close());

  it('pages issues with Relay cursors until hasNextPage is false, each issue once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await post(server, 'query($after: String) { issues(first: 100, after: $after) { nodes { identifier } pageInfo { hasNextPage endCursor } } }', { after });
      expect(page.status).toBe(200);
      seen.push(...page.body.data.issues.nodes.map((node: { identifier: string }) => node.identifier));
      after = page.body.data.issues.pageInfo.hasNextPage ? page.body.data.issues.pageInfo.endCursor : null;
    } while (after);
    expect(seen.sort()).toEqual(linearTasks.map((task) => task.key).sort());
  });

  it('sends the request and complexity budgets, resets in epoch milliseconds', async () => {
    const { headers } = await post(server, '{ users(first: 10) { nodes { id } } }');
    expect(Number(headers.get('x-ratelimit-requests-limit'))).toBe(5000);
    expect(Number(headers.get('x-ratelimit-requests-reset'))).toBe(now.getTime() + 3_600_000);
    // 1 (users) + 10 × (1 (nodes) + 0.1) = 12
    expect(headers.get('x-complexity')).toBe('12');
    expect(Number(headers.get('x-ratelimit-complexity-remaining'))).toBeLessThan(3_000_000);
  });

  it('refuses a field Linear does not have, a query over 10,000 points, a foreign cursor and a wrong key, each with its code', async () => {
    const unknown = await post(server, '{ issues { nodes { estimat } } }');
    expect([unknown.status, unknown.body.errors[0].extensions.code]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED']);
    const heavy = await post(server, '{ issues(first: 250) { nodes { history(first: 250) { nodes { id } } } } }');
    expect([heavy.status, heavy.body.errors[0].extensions.code]).toEqual([400, 'INPUT_ERROR']);
    const users = await post(server, '{ users(first: 1) { pageInfo { endCursor } } }');
    const foreign = await post(server, 'query($after: String) { issues(after: $after) { nodes { id } } }', { after: users.body.data.users.pageInfo.endCursor });
    expect([foreign.status, foreign.body.errors[0].extensions.code]).toEqual([400, 'INVALID_INPUT']);
    const wrongKey = await post(server, '{ users { nodes { id } } }', {}, 'lin_api_wrong');
    expect([wrongKey.status, wrongKey.body.errors[0].extensions.code]).toEqual([400, 'AUTHENTICATION_ERROR']);
  });

  it('answers a rate-limit fault with RATELIMITED under HTTP 400 and the empty budget\'s reset, no Retry-After', async () => {
    const limited = await startLinearServer(org, { now: () => now, faults: { rateLimitEvery: 1, retryAfterSeconds: 3 } });
    try {
      const answer = await post(limited, '{ users { nodes { id } } }');
      expect([answer.status, answer.body.errors[0].extensions.code]).toEqual([400, 'RATELIMITED']);
      expect(answer.headers.get('x-ratelimit-requests-remaining')).toBe('0');
      expect(Number(answer.headers.get('x-ratelimit-requests-reset'))).toBe(now.getTime() + 3000);
      expect(answer.headers.get('retry-after')).toBeNull();
    } finally {
      await limited.close();
    }
  });
});
