import { afterEach, expect } from 'vitest';
import type { AsanaSourceConfig } from '../../../functions/config/index.ts';
import { asanaConnector } from '../../../functions/connectors/asana/index.ts';
import { drain } from '../helpers/drain.ts';
import { fixedNow } from '../fixtures.ts';
import { recordingSleep, silentLog, startLocalServer, type LocalServer } from '../helpers/local-server.ts';
import { asanaBase, asanaFixtureRoutes, asanaFixtureState, asanaToken } from './asana-fixture-server.ts';
import { describeConnectorContract } from './suite.ts';

const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describeConnectorContract({
  source: 'asana',
  retryAfterMs: 2000,
  async sync({ cursor, rateLimited = false }) {
    const state = asanaFixtureState(rateLimited);
    const server = await startLocalServer((request, response) => asanaFixtureRoutes(request, response, state));
    servers.push(server);
    const sleeper = recordingSleep();
    const source: AsanaSourceConfig = { type: 'asana', name: 'asana-main', baseUrl: `${server.url}${asanaBase}`, tokenEnv: 'ASANA_TOKEN' };
    const context = { source, token: asanaToken, fetch, now: fixedNow, log: silentLog, sleep: sleeper.sleep, random: () => 0.5, ...(cursor ? { cursor } : {}) };
    return { result: await drain(asanaConnector.read(context)), delays: sleeper.delays };
  },
  resumed(_first, second) {
    // Listed an instant ago: an incremental sync, which never judges deletions.
    expect(second.deletions).toEqual([]);
    expect(JSON.parse(second.cursor!)).toMatchObject({ modifiedSince: fixedNow().toISOString(), syncsSinceFull: 1 });
  },
});
