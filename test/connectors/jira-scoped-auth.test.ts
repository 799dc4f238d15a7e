import { describe, expect, it } from 'vitest';
import type { JiraSourceConfig } from '../../functions/config/index.ts';
import { jiraConnector } from '../../functions/connectors/jira/index.ts';
import { demoCredentials, generateOrg } from '../../demo/generator/index.ts';
import { demoCloudId, startJiraServer } from '../../demo/servers/jira-server.ts';
import { listen, sendJson } from '../../demo/servers/listen.ts';
import { drain } from './helpers/drain.ts';
import { silentLog } from './helpers/local-server.ts';

/** Scoped API tokens go through the gateway (`/ex/jira/<cloudId>`), classic ones to the site: both against the demo Jira. */

const org = generateOrg({ seed: 7, scale: 'small', asOf: '2026-03-31' });

function recordingFetch(): { fetch: typeof fetch; paths: string[] } {
  const paths: string[] = [];
  return {
    paths,
    fetch: (input, init) => {
      paths.push(new URL(String(input)).pathname);
      return fetch(input, init);
    },
  };
}

async function syncWith(url: string, extra: Partial<JiraSourceConfig>) {
  const source: JiraSourceConfig = { type: 'jira', name: 'jira-demo', baseUrl: url, email: demoCredentials.jira.email, tokenEnv: 'JIRA_TOKEN', ...extra };
  const recorder = recordingFetch();
  const result = await drain(jiraConnector.read({ source, token: demoCredentials.jira.token, fetch: recorder.fetch, now: () => new Date(org.now), log: silentLog }));
  return { result, paths: recorder.paths };
}

describe('Jira authentication kinds', () => {
  it('reads the cloud id from /_edge/tenant_info and syncs through /ex/jira/<cloudId> the same records as a classic token', async () => {
    const server = await startJiraServer(org);
    try {
      const classic = await syncWith(server.url, {});
      const scoped = await syncWith(server.url, { auth: 'scoped', gatewayUrl: server.url });
      expect(classic.paths.every((path) => path.startsWith('/rest/api/3/'))).toBe(true);
      expect(scoped.paths[0]).toBe('/_edge/tenant_info');
      expect(scoped.paths.slice(1).every((path) => path.startsWith(`/ex/jira/${demoCloudId}/rest/api/3/`))).toBe(true);
      expect(scoped.paths.length).toBe(classic.paths.length + 1);
      expect(scoped.result.tasks.length).toBeGreaterThan(0);
      expect(scoped.result.tasks.map((task) => task.id).sort()).toEqual(classic.result.tasks.map((task) => task.id).sort());
      expect(scoped.result.timeEntries.length).toBe(classic.result.timeEntries.length);
    } finally {
      await server.close();
    }
  });

  it('uses a configured cloud id without asking the site', async () => {
    const server = await startJiraServer(org);
    try {
      const scoped = await syncWith(server.url, { auth: 'scoped', cloudId: demoCloudId, gatewayUrl: server.url });
      expect(scoped.paths).not.toContain('/_edge/tenant_info');
      expect(scoped.result.projects.length).toBe(org.projects.filter((project) => project.system === 'jira').length);
    } finally {
      await server.close();
    }
  });

  it('fails the sync with the gateway answer when the cloud id is wrong', async () => {
    const server = await startJiraServer(org);
    try {
      await expect(syncWith(server.url, { auth: 'scoped', cloudId: '00000000-0000-0000-0000-000000000000', gatewayUrl: server.url })).rejects.toThrow(/404/);
    } finally {
      await server.close();
    }
  });

  it('says to set cloudId when the site does not tell its cloud id', async () => {
    const site = await listen((_incoming, _body, outgoing) => sendJson(outgoing, 404, { errorMessages: ['Not found'] }));
    try {
      await expect(syncWith(site.origin, { auth: 'scoped', gatewayUrl: site.origin })).rejects.toThrow(
        /^jira-demo: GET http:\/\/127\.0\.0\.1:\d+\/_edge\/tenant_info gave no cloud id for the scoped token \(.*404.*\); set sources\.jira-demo\.cloudId/,
      );
    } finally {
      await site.close();
    }
  });
});
