import type { AsanaSourceConfig, JiraSourceConfig } from '../../functions/config/index.ts';
import { asanaConnector } from '../../functions/connectors/asana/index.ts';
import { jiraConnector } from '../../functions/connectors/jira/index.ts';
import { demoCredentials, generateOrg } from '../../demo/generator/index.ts';
import { startAsanaServer, startJiraServer } from '../../demo/servers/index.ts';
import { asanaBase, asanaFixtureRoutes, asanaFixtureState, asanaToken } from '../connectors/contract/asana-fixture-server.ts';
import { jiraFixtureAuth, jiraFixtureRoutes, jiraFixtureState } from '../connectors/contract/jira-fixture-server.ts';
import { fixedNow } from '../connectors/fixtures.ts';
import { drain } from '../connectors/helpers/drain.ts';
import { recordingSleep, silentLog, startLocalServer } from '../connectors/helpers/local-server.ts';
import type { Exchange } from './openapi-operations.ts';
import { startRecordingProxy } from './recording-proxy.ts';
import type { Vendor } from './vendor-operations.ts';

/**
 * The syncs whose traffic the conformance suite checks: each connector against the demo server
 * (small scale, with 429s and 503s) and against the contract tests' fixture server, a first sync
 * and the syncs resumed from its cursor (an hour later: incremental; two days later: the worklog
 * feeds, the Jira id reconcile and Asana's full listing).
 */

export interface Observed {
  vendor: Vendor;
  server: 'demo' | 'fixture';
  exchanges: Exchange[];
}

const hour = 3_600_000;
const later = [hour, 48 * hour];

type Run = (baseUrl: string, now: number, cursor: string | undefined) => Promise<string | undefined>;

/** A first sync and the syncs resumed from its cursor, all through one recording proxy. */
async function observe(upstream: { url: string; close(): Promise<void> }, start: number, run: Run): Promise<Exchange[]> {
  const proxy = await startRecordingProxy(upstream.url);
  try {
    let cursor = await run(proxy.url, start, undefined);
    for (const offset of later) cursor = await run(proxy.url, start + offset, cursor);
    return proxy.exchanges;
  } finally {
    await proxy.close();
    await upstream.close();
  }
}

const quiet = { log: silentLog, random: () => 0 };

function jiraRun(email: string, token: string): Run {
  return async (baseUrl, now, cursor) => {
    const source: JiraSourceConfig = { type: 'jira', name: 'jira-observed', baseUrl, email, tokenEnv: 'JIRA_TOKEN' };
    const context = { ...quiet, source, token, fetch, now: () => new Date(now), sleep: recordingSleep().sleep, ...(cursor ? { cursor } : {}) };
    return (await drain(jiraConnector.read(context))).cursor;
  };
}

function asanaRun(token: string): Run {
  return async (baseUrl, now, cursor) => {
    const source: AsanaSourceConfig = { type: 'asana', name: 'asana-observed', baseUrl, tokenEnv: 'ASANA_TOKEN' };
    const context = { ...quiet, source, token, fetch, now: () => new Date(now), sleep: recordingSleep().sleep, ...(cursor ? { cursor } : {}) };
    return (await drain(asanaConnector.read(context))).cursor;
  };
}

export async function observeAll(): Promise<Observed[]> {
  const org = generateOrg({ seed: 7, scale: 'small', asOf: '2026-03-31' });
  const faults = { rateLimitEvery: 7, retryAfterSeconds: 2, serverErrorEvery: 11 };
  const { jira, asana } = demoCredentials;
  const jiraFixture = jiraFixtureState(true);
  const asanaFixture = asanaFixtureState(true);
  return [
    { vendor: 'jira', server: 'demo', exchanges: await observe(await startJiraServer(org, { faults }), org.now, jiraRun(jira.email, jira.token)) },
    { vendor: 'asana', server: 'demo', exchanges: await observe(await startAsanaServer(org, { faults }), org.now, asanaRun(asana.token)) },
    {
      vendor: 'jira',
      server: 'fixture',
      exchanges: await observe(await startLocalServer((request, response) => jiraFixtureRoutes(request, response, jiraFixture)), fixedNow().getTime(), jiraRun(jiraFixtureAuth.email, jiraFixtureAuth.token)),
    },
    {
      vendor: 'asana',
      server: 'fixture',
      exchanges: await observe(await fixtureAt(asanaBase, (request, response) => asanaFixtureRoutes(request, response, asanaFixture)), fixedNow().getTime(), asanaRun(asanaToken)),
    },
  ];
}

/** The fixture server's origin with the vendor's base path, as a connector's `baseUrl`. */
async function fixtureAt(base: string, handler: Parameters<typeof startLocalServer>[0]) {
  const server = await startLocalServer(handler);
  return { url: `${server.url}${base}`, close: server.close };
}
