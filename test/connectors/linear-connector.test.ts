import { afterEach, describe, expect, it } from 'vitest';
import type { LinearSourceConfig } from '../../functions/config/index.ts';
import { isAuthError, isRateLimitError, isSchemaMismatchError } from '../../functions/connectors/kit/errors.ts';
import type { RecordBatch } from '../../functions/connectors/kit/connector.ts';
import { isGraphqlError, linearConnector, linearStatus } from '../../functions/connectors/linear/index.ts';
import { retryAfterSeconds } from '../../functions/connectors/linear/rate-limit.ts';
import { noHourEstimatesReason, noHoursReason } from '../../functions/connectors/linear/state.ts';
import { fixedNow } from './fixtures.ts';
import { drain } from './helpers/drain.ts';
import { recordingSleep, sendJson, silentLog, startLocalServer, type LocalServer } from './helpers/local-server.ts';
import { linearFixtureKey, linearFixtureRoutes, linearFixtureState, type LinearFixtureState } from './contract/linear-fixture-server.ts';

/** What is special to Linear: GraphQL errors inside HTTP 200, its rate-limit answers, Relay cursors and checkpoints, and hours. */

const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function contextFor(url: string, overrides: Partial<LinearSourceConfig> = {}, extra: { cursor?: string; checkpoint?: string } = {}) {
  const sleeper = recordingSleep();
  const source: LinearSourceConfig = { type: 'linear', name: 'linear-main', baseUrl: `${url}/graphql`, tokenEnv: 'LINEAR_TOKEN', ...overrides };
  return { sleeper, context: { source, token: linearFixtureKey, fetch, now: fixedNow, log: silentLog, sleep: sleeper.sleep, random: () => 0, ...extra } };
}

async function fixtureServer(state: LinearFixtureState): Promise<LocalServer> {
  const server = await startLocalServer((request, response) => linearFixtureRoutes(request, response, state));
  servers.push(server);
  return server;
}

/** A server that answers every request with the same status, headers and body. */
async function fixedServer(status: number, body: unknown, headers: Record<string, string> = {}): Promise<LocalServer> {
  const server = await startLocalServer((_request, response) => sendJson(response, status, body, headers));
  servers.push(server);
  return server;
}

async function batchesOf(reader: AsyncGenerator<RecordBatch, string | undefined, void>): Promise<{ batches: RecordBatch[]; cursor: string | undefined }> {
  const batches: RecordBatch[] = [];
  for (;;) {
    const step = await reader.next();
    if (step.done) return { batches, cursor: step.value };
    batches.push(step.value);
  }
}

describe('Linear state types', () => {
  it('read backlog, triage and unstarted as to do, started as in progress, completed and canceled as done', () => {
    expect(['triage', 'backlog', 'unstarted', 'started', 'completed', 'canceled'].map((type) => linearStatus(type as never))).toEqual(['todo', 'todo', 'todo', 'in_progress', 'done', 'done']);
  });
});

describe('GraphQL errors', () => {
  it('refuses a page whose HTTP 200 answer carries errors beside its data, naming the code', async () => {
    const server = await fixtureServer(linearFixtureState({ errorsIn200: true }));
    const error = await drain(linearConnector.read(contextFor(server.url).context)).catch((caught: unknown) => caught);
    expect(isGraphqlError(error)).toBe(true);
    expect(String((error as Error).message)).toMatch(/linear-main: POST http:\/\/127\.0\.0\.1:\d+\/graphql \(Issues\) answered GraphQL errors \(INTERNAL_SERVER_ERROR\): Cannot return null/);
  });

  it('refuses an HTTP 400 with a validation error as a GraphqlError, not a retry', async () => {
    const server = await fixedServer(400, { errors: [{ message: 'Cannot query field "estimat" on type "Issue".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] });
    const { context, sleeper } = contextFor(server.url);
    const error = await drain(linearConnector.read(context)).catch((caught: unknown) => caught);
    expect(isGraphqlError(error) && error.codes).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(sleeper.delays).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('reads AUTHENTICATION_ERROR as a refused key (AuthError, no retry), and keeps the key out of the message', async () => {
    const server = await fixedServer(400, { errors: [{ message: `Invalid key ${linearFixtureKey}`, extensions: { code: 'AUTHENTICATION_ERROR' } }] });
    const error = await drain(linearConnector.read(contextFor(server.url).context)).catch((caught: unknown) => caught);
    expect(isAuthError(error)).toBe(true);
    expect(String((error as Error).message)).not.toContain(linearFixtureKey);
  });

  it('redacts the key when an error message quotes it', async () => {
    const server = await fixedServer(200, { data: null, errors: [{ message: `bad header ${linearFixtureKey}`, extensions: { code: 'BAD' } }] });
    const error = await drain(linearConnector.read(contextFor(server.url).context)).catch((caught: unknown) => caught);
    expect(isGraphqlError(error)).toBe(true);
    expect(String((error as Error).message)).not.toContain(linearFixtureKey);
  });

  it('stops with SchemaMismatchError on an answer of the wrong shape', async () => {
    const server = await fixedServer(200, { data: { users: { items: [] } } });
    const error = await drain(linearConnector.read(contextFor(server.url).context)).catch((caught: unknown) => caught);
    expect(isSchemaMismatchError(error)).toBe(true);
  });
});

describe('rate limits', () => {
  const reset = String(fixedNow().getTime() + 7_500);

  it('waits for the exhausted budget\'s reset on RATELIMITED, whether under HTTP 400, 200 or 429', async () => {
    for (const status of [400, 200, 429]) {
      let calls = 0;
      const server = await startLocalServer((request, response) => {
        calls += 1;
        if (calls === 1) return sendJson(response, status, { errors: [{ message: 'Rate limit exceeded', extensions: { code: 'RATELIMITED' } }] }, { 'x-ratelimit-complexity-remaining': '0', 'x-ratelimit-complexity-reset': reset, 'x-ratelimit-requests-remaining': '4000', 'x-ratelimit-requests-reset': String(fixedNow().getTime() + 60_000) });
        return linearFixtureRoutes(request, response, linearFixtureState());
      });
      servers.push(server);
      const { context, sleeper } = contextFor(server.url);
      const result = await drain(linearConnector.read(context));
      expect(sleeper.delays, `HTTP ${status}`).toEqual([7500]);
      expect(result.tasks.length).toBe(4);
    }
  });

  it('gives up with RateLimitError when the budget stays empty past the retry cap', async () => {
    const server = await fixedServer(400, { errors: [{ message: 'Rate limit exceeded', extensions: { code: 'RATELIMITED' } }] }, { 'x-ratelimit-requests-remaining': '0', 'x-ratelimit-requests-reset': String(fixedNow().getTime() + 3_600_000) });
    const error = await drain(linearConnector.read(contextFor(server.url).context)).catch((caught: unknown) => caught);
    expect(isRateLimitError(error)).toBe(true);
  });

  it('takes the reset of the empty budget, else the later one (epoch milliseconds)', () => {
    const now = fixedNow();
    const at = (ms: number) => String(now.getTime() + ms);
    expect(retryAfterSeconds(new Headers({ 'x-ratelimit-requests-remaining': '0', 'x-ratelimit-requests-reset': at(3000), 'x-ratelimit-complexity-remaining': '10', 'x-ratelimit-complexity-reset': at(9000) }), now)).toBe(3);
    expect(retryAfterSeconds(new Headers({ 'x-ratelimit-requests-reset': at(3000), 'x-ratelimit-complexity-reset': at(9000) }), now)).toBe(9);
    expect(retryAfterSeconds(new Headers({ 'x-ratelimit-requests-reset': at(-5000) }), now)).toBe(0);
    expect(retryAfterSeconds(new Headers({}), now)).toBeUndefined();
  });
});

describe('Relay paging and checkpoints', () => {
  it('asks each next page with the previous endCursor and checkpoints every issue page that has a next one', async () => {
    const state = linearFixtureState();
    const server = await fixtureServer(state);
    const { batches, cursor } = await batchesOf(linearConnector.read(contextFor(server.url).context));
    const issueAsks = state.asked.filter((ask) => ask.operation === 'Issues');
    expect(issueAsks.map((ask) => ask.variables.after)).toEqual([null, 'aXNzdWVzOjI']);
    expect(issueAsks[0]!.variables).toMatchObject({ first: 50, filter: {} });
    const checkpoints = batches.flatMap((batch) => (batch.checkpoint ? [JSON.parse(batch.checkpoint)] : []));
    expect(checkpoints).toEqual([{ v: 1, startedAt: fixedNow().toISOString(), after: 'aXNzdWVzOjI' }]);
    expect(JSON.parse(cursor!)).toEqual({ v: 1, updatedSince: fixedNow().toISOString() });
  });

  it('resumes from a checkpoint at its cursor, without reading people and projects again', async () => {
    const state = linearFixtureState();
    const server = await fixtureServer(state);
    const checkpoint = JSON.stringify({ v: 1, startedAt: '2026-03-05T11:00:00.000Z', after: 'aXNzdWVzOjI' });
    const { batches, cursor } = await batchesOf(linearConnector.read(contextFor(server.url, {}, { checkpoint }).context));
    expect(state.asked.map((ask) => ask.operation)).toEqual(['Issues', 'IssueHistory']);
    expect(batches.flatMap((batch) => batch.tasks ?? []).map((task) => task.sourceId)).toEqual(['ENG-4', 'OPS-6']);
    // The next sync reads what changed since the read began, in the earlier run.
    expect(JSON.parse(cursor!)).toEqual({ v: 1, updatedSince: '2026-03-05T11:00:00.000Z' });
  });

  it('starts the listing over when Linear refuses the checkpoint\'s cursor', async () => {
    const state = linearFixtureState();
    const server = await fixtureServer(state);
    const warnings: string[] = [];
    const { context } = contextFor(server.url, {}, { checkpoint: JSON.stringify({ v: 1, startedAt: '2026-03-05T11:00:00.000Z', after: 'expired' }) });
    const result = await drain(linearConnector.read({ ...context, log: { ...silentLog, warn: (message: string) => void warnings.push(message) } }));
    expect(state.asked.filter((ask) => ask.operation === 'Issues').map((ask) => ask.variables.after)).toEqual(['expired', null, 'aXNzdWVzOjI']);
    expect(result.tasks.map((task) => task.sourceId).sort()).toEqual(['ENG-1', 'ENG-2', 'ENG-4', 'OPS-6']);
    expect(warnings).toEqual(['Linear refused the saved page cursor; reading the issues again from the first page']);
  });

  it('reads changes since the cursor, for the configured teams only', async () => {
    const state = linearFixtureState();
    const server = await fixtureServer(state);
    const cursor = JSON.stringify({ v: 1, updatedSince: '2026-03-02T08:00:00.000Z' });
    const result = await drain(linearConnector.read(contextFor(server.url, { teams: ['ENG', 'OPS'] }, { cursor }).context));
    expect(state.asked.find((ask) => ask.operation === 'Issues')!.variables.filter).toEqual({ updatedAt: { gt: '2026-03-02T08:00:00.000Z' }, team: { key: { in: ['ENG', 'OPS'] } } });
    expect(result.tasks.map((task) => task.sourceId).sort()).toEqual(['ENG-1', 'ENG-2', 'ENG-4', 'OPS-6']);
  });
});

describe('hours and estimates', () => {
  it('says hours are unavailable when no timesheet source is named', async () => {
    const server = await fixtureServer(linearFixtureState());
    const { batches } = await batchesOf(linearConnector.read(contextFor(server.url).context));
    expect(batches.filter((batch) => batch.unavailable)).toEqual([{ unavailable: { hours: noHoursReason, hourEstimates: noHourEstimatesReason } }]);
    // First, before any page: a run stopped at its deadline part-way still records both.
    expect(batches[0]).toEqual({ unavailable: { hours: noHoursReason, hourEstimates: noHourEstimatesReason } });
  });

  it('says nothing of hours when a timesheet source logs them, only that estimates are not hours', async () => {
    const server = await fixtureServer(linearFixtureState());
    const { batches } = await batchesOf(linearConnector.read(contextFor(server.url, { timesheetSource: 'harvest' }).context));
    expect(batches.filter((batch) => batch.unavailable)).toEqual([{ unavailable: { hourEstimates: noHourEstimatesReason } }]);
    expect(batches[0]).toEqual({ unavailable: { hourEstimates: noHourEstimatesReason } });
    expect(noHourEstimatesReason).toBe('Linear estimates are points, not hours: no cost baseline');
  });
});
