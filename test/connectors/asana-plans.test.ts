import { describe, expect, it } from 'vitest';
import type { AsanaSourceConfig } from '../../functions/config/index.ts';
import { asanaConnector } from '../../functions/connectors/asana/index.ts';
import type { RecordBatch } from '../../functions/connectors/kit/connector.ts';
import { demoCredentials, generateOrg } from '../../demo/generator/index.ts';
import { withoutAsanaTimeTracking } from '../../demo/generator/variations/asana-no-time-tracking.ts';
import { startAsanaServer } from '../../demo/servers/asana-server.ts';

/** Asana plans and permissions: a workspace without time tracking (402), and portfolios named in the config. */

const org = generateOrg({ seed: 7, scale: 'small', asOf: '2026-03-31' });
const asanaTasks = (() => {
  const projects = new Set(org.projects.filter((project) => project.system === 'asana').map((project) => project.id));
  return org.tasks.filter((task) => projects.has(task.projectId)).length;
})();

interface Logged { level: string; message: string }

async function sync(url: string, extra: Partial<AsanaSourceConfig> = {}, cursor?: string) {
  const source: AsanaSourceConfig = { type: 'asana', name: 'asana-demo', baseUrl: url, tokenEnv: 'ASANA_TOKEN', ...extra };
  const logged: Logged[] = [];
  const log = { info: (message: string) => void logged.push({ level: 'info', message }), warn: (message: string) => void logged.push({ level: 'warn', message }), error: (message: string) => void logged.push({ level: 'error', message }) };
  const paths: string[] = [];
  const recording: typeof fetch = (input, init) => {
    const target = new URL(String(input));
    paths.push(`${target.pathname}${target.search}`);
    return fetch(input, init);
  };
  const reader = asanaConnector.read({ source, token: demoCredentials.asana.token, fetch: recording, now: () => new Date(org.now), log, ...(cursor ? { cursor } : {}) });
  const batches: RecordBatch[] = [];
  for (let step = await reader.next(); ; step = await reader.next()) {
    if (step.done) {
      const records = {
        tasks: batches.flatMap((batch) => batch.tasks ?? []),
        timeEntries: batches.flatMap((batch) => batch.timeEntries ?? []),
        projects: batches.flatMap((batch) => batch.projects ?? []),
        quarantined: batches.flatMap((batch) => batch.quarantined ?? []),
      };
      return { batches, cursor: step.value, logged, paths, all: <K extends keyof typeof records>(key: K) => records[key] };
    }
    batches.push(step.value);
  }
}

describe('Asana plans', () => {
  it('syncs every task of a workspace without time tracking, says so once and marks its hours unavailable', async () => {
    const server = await startAsanaServer(withoutAsanaTimeTracking(org));
    try {
      const first = await sync(server.url);
      expect(new Set(first.all('tasks').map((task) => task.id)).size).toBe(asanaTasks);
      expect(first.all('timeEntries')).toEqual([]);
      expect(first.all('quarantined')).toEqual([]);
      const gaps = first.batches.flatMap((batch) => (batch.unavailable ? [batch.unavailable] : []));
      expect(gaps).toEqual([{ hours: expect.stringMatching(/402 Payment Required/) }]);
      // One line per sync, not one per task: every task was asked for at most once, one answered 402.
      expect(first.logged.filter((line) => /402/.test(line.message))).toHaveLength(1);
      expect(first.paths.filter((path) => path.includes('/time_tracking_entries'))).toHaveLength(1);
      expect(JSON.parse(first.cursor!)).toMatchObject({ noTimeTracking: true });

      // A later sync with nothing modified reads no task, yet still knows the plan from the cursor.
      const later = new Date(org.now + 60_000).toISOString();
      const cursor = JSON.stringify({ ...JSON.parse(first.cursor!), modifiedSince: later });
      const second = await sync(server.url, {}, cursor);
      expect(second.all('tasks')).toEqual([]);
      expect(second.paths.filter((path) => path.includes('/time_tracking_entries'))).toHaveLength(0);
      expect(second.batches.some((batch) => batch.unavailable?.hours)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('reports nothing unavailable where time tracking works', async () => {
    const server = await startAsanaServer(org);
    try {
      const result = await sync(server.url);
      expect(result.all('timeEntries').length).toBe(org.worklogs.filter((log) => org.tasks.some((task) => task.id === log.taskId && org.projects.find((p) => p.id === task.projectId)?.system === 'asana')).length);
      expect(result.batches.some((batch) => batch.unavailable)).toBe(false);
      expect(JSON.parse(result.cursor!)).not.toHaveProperty('noTimeTracking');
    } finally {
      await server.close();
    }
  });

  it('reads the portfolios the config names by gid instead of listing the token owner\'s', async () => {
    const server = await startAsanaServer(org);
    try {
      const named = org.portfolios[0]!;
      const result = await sync(server.url, { portfolios: [named.asanaGid] });
      expect(result.paths.some((path) => path.startsWith('/api/1.0/portfolios?'))).toBe(false);
      expect(result.paths.some((path) => path.startsWith(`/api/1.0/portfolios/${named.asanaGid}?`))).toBe(true);
      const projects = result.all('projects');
      const inNamed = org.projects.filter((project) => project.system === 'asana' && project.portfolioId === named.id).map((project) => `asana-demo:${project.sourceId}`);
      expect(inNamed.length).toBeGreaterThan(0);
      for (const project of projects) expect(project.portfolio).toBe(inNamed.includes(project.id) ? named.name : undefined);
    } finally {
      await server.close();
    }
  });
});
