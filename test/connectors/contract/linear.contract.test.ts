import { afterEach, expect } from 'vitest';
import type { LinearSourceConfig } from '../../../functions/config/index.ts';
import { linearConnector } from '../../../functions/connectors/linear/index.ts';
import { drain } from '../helpers/drain.ts';
import { fixedNow } from '../fixtures.ts';
import { recordingSleep, silentLog, startLocalServer, type LocalServer } from '../helpers/local-server.ts';
import { linearFixtureKey, linearFixtureRoutes, linearFixtureState } from './linear-fixture-server.ts';
import { describeConnectorContract } from './suite.ts';

const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describeConnectorContract({
  source: 'linear',
  timeEntries: false,
  // The RATELIMITED answer names no Retry-After: the requests budget resets 2 s after the (fixed) clock.
  retryAfterMs: 2000,
  async sync({ cursor, rateLimited = false }) {
    const state = linearFixtureState({ rateLimited });
    const server = await startLocalServer((request, response) => linearFixtureRoutes(request, response, state));
    servers.push(server);
    const sleeper = recordingSleep();
    const source: LinearSourceConfig = { type: 'linear', name: 'linear-main', baseUrl: `${server.url}/graphql`, tokenEnv: 'LINEAR_TOKEN' };
    const context = { source, token: linearFixtureKey, fetch, now: fixedNow, log: silentLog, sleep: sleeper.sleep, random: () => 0, ...(cursor ? { cursor } : {}) };
    return { result: await drain(linearConnector.read(context)), delays: sleeper.delays };
  },
  resumed(_first, second) {
    // The stored issues all changed before the first sync began: an incremental read returns none.
    expect(second.tasks).toEqual([]);
    expect(JSON.parse(second.cursor!)).toEqual({ v: 1, updatedSince: fixedNow().toISOString() });
  },
});
