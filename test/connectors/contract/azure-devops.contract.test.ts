import { afterEach, expect } from 'vitest';
import { AzureDevOpsSourceSchema } from '../../../functions/config/azure-devops.ts';
import { azureDevOpsConnector } from '../../../functions/connectors/azure-devops/index.ts';
import { drain } from '../helpers/drain.ts';
import { fixedNow } from '../fixtures.ts';
import { recordingSleep, silentLog, startLocalServer, type LocalServer } from '../helpers/local-server.ts';
import { adoFixtureRoutes, adoFixtureState, adoOrganization, adoToken } from './azure-devops-fixture-server.ts';
import { describeConnectorContract } from './suite.ts';

const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describeConnectorContract({
  source: 'azure-devops',
  retryAfterMs: 2000,
  async sync({ cursor, rateLimited = false }) {
    const state = adoFixtureState(rateLimited);
    const server = await startLocalServer((request, response) => adoFixtureRoutes(request, response, state));
    servers.push(server);
    const sleeper = recordingSleep();
    const source = AzureDevOpsSourceSchema.parse({ type: 'azure-devops', name: 'ado-main', baseUrl: server.url, organization: adoOrganization, tokenEnv: 'ADO_TOKEN', areaPathDepth: 2 });
    const context = { source, token: adoToken, fetch, now: fixedNow, log: silentLog, sleep: sleeper.sleep, random: () => 0.5, ...(cursor ? { cursor } : {}) };
    return { result: await drain(azureDevOpsConnector.read(context)), delays: sleeper.delays };
  },
  resumed(first, second) {
    // Nothing changed since the first sync's watermark: no work item is read again.
    expect(second.tasks).toEqual([]);
    expect(second.timeEntries).toEqual([]);
    expect(JSON.parse(second.cursor!)).toEqual(JSON.parse(first.cursor!));
    // The recycle bin is read every sync.
    expect(second.deletions).toEqual([{ kind: 'task', ids: ['ado-main:104'] }]);
  },
});
