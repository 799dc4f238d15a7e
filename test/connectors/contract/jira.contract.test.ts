import { afterEach, expect } from 'vitest';
import type { JiraSourceConfig } from '../../../functions/config/index.ts';
import { jiraConnector } from '../../../functions/connectors/jira/index.ts';
import { drain } from '../helpers/drain.ts';
import { fixedNow } from '../fixtures.ts';
import { recordingSleep, silentLog, startLocalServer, type LocalServer } from '../helpers/local-server.ts';
import { jiraFixtureAuth, jiraFixtureRoutes, jiraFixtureState } from './jira-fixture-server.ts';
import { describeConnectorContract } from './suite.ts';

const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describeConnectorContract({
  source: 'jira',
  retryAfterMs: 3000,
  async sync({ cursor, rateLimited = false }) {
    const state = jiraFixtureState(rateLimited);
    const server = await startLocalServer((request, response) => jiraFixtureRoutes(request, response, state));
    servers.push(server);
    const sleeper = recordingSleep();
    const source: JiraSourceConfig = { type: 'jira', name: 'jira-main', baseUrl: server.url, email: jiraFixtureAuth.email, tokenEnv: 'JIRA_TOKEN' };
    const context = { source, token: jiraFixtureAuth.token, fetch, now: fixedNow, log: silentLog, sleep: sleeper.sleep, random: () => 0, ...(cursor ? { cursor } : {}) };
    return { result: await drain(jiraConnector.read(context)), delays: sleeper.delays };
  },
  resumed(first, second) {
    // The worklog feeds: a worklog added to issue 20009, which no search of this sync returned, and one deleted.
    const added = second.timeEntries.find((entry) => entry.sourceId === '30099');
    expect(added).toMatchObject({ taskId: 'jira-main:20009', projectId: 'jira-main:10000', hours: 1.5, date: '2026-03-04' });
    expect(first.timeEntries.some((entry) => entry.sourceId === '30099')).toBe(false);
    expect(second.deletions).toEqual([{ kind: 'timeEntry', ids: ['jira-main:30002'] }]);
    expect(JSON.parse(second.cursor!)).toMatchObject({ issuesUpdated: 1772616600000, worklogsSince: 1772712000000, syncsSinceFull: 1 });
  },
});
