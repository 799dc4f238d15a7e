import { describe, expect, it } from 'vitest';
import type { AsanaSourceConfig, JiraSourceConfig } from '../../functions/config/index.ts';
import { asanaConnector } from '../../functions/connectors/asana/index.ts';
import { jiraConnector } from '../../functions/connectors/jira/index.ts';
import { demoCredentials, generateOrg, type DemoOrg, type DemoSystem } from '../../demo/generator/index.ts';
import { startAsanaServer } from '../../demo/servers/asana-server.ts';
import { startJiraServer } from '../../demo/servers/jira-server.ts';
import { drain } from './helpers/drain.ts';
import { recordingSleep, silentLog } from './helpers/local-server.ts';

/** The real connectors against the demo servers, with faults on: nothing may be lost or doubled. */

const org = generateOrg({ seed: 7, scale: 'small', asOf: '2026-03-31' });
const faults = { rateLimitEvery: 7, retryAfterSeconds: 2, serverErrorEvery: 11 };

function holdings(demo: DemoOrg, system: DemoSystem) {
  const projects = new Set(demo.projects.filter((project) => project.system === system).map((project) => project.id));
  const tasks = demo.tasks.filter((task) => projects.has(task.projectId));
  const taskIds = new Set(tasks.map((task) => task.id));
  const worklogs = demo.worklogs.filter((worklog) => taskIds.has(worklog.taskId));
  const hours = worklogs.reduce((sum, worklog) => sum + worklog.hours, 0);
  return { projects: projects.size, tasks: tasks.length, worklogs: worklogs.length, hours };
}

const totalHours = (entries: readonly { hours: number }[]) => entries.reduce((sum, entry) => sum + entry.hours, 0);

describe('connectors against the demo servers', () => {
  it('syncs every Jira project, issue and worklog of the demo org through 429s and 503s', async () => {
    const server = await startJiraServer(org, { faults });
    try {
      const sleeper = recordingSleep();
      const source: JiraSourceConfig = { type: 'jira', name: 'jira-demo', baseUrl: server.url, email: demoCredentials.jira.email, tokenEnv: 'JIRA_TOKEN' };
      const context = { source, token: demoCredentials.jira.token, fetch, now: () => new Date(org.now), log: silentLog, sleep: sleeper.sleep, random: () => 0 };
      const result = await drain(jiraConnector.read(context));
      const expected = holdings(org, 'jira');
      expect(result.quarantined).toEqual([]);
      expect(result.projects).toHaveLength(expected.projects);
      expect(new Set(result.tasks.map((task) => task.id)).size).toBe(expected.tasks);
      expect(new Set(result.timeEntries.map((entry) => entry.id)).size).toBe(expected.worklogs);
      expect(totalHours(result.timeEntries)).toBeCloseTo(expected.hours, 6);
      expect(sleeper.delays).toContain(2000);
    } finally {
      await server.close();
    }
  });

  it('syncs every Asana project, task and time entry of the demo org through 429s and 503s', async () => {
    const server = await startAsanaServer(org, { faults });
    try {
      const sleeper = recordingSleep();
      const source: AsanaSourceConfig = { type: 'asana', name: 'asana-demo', baseUrl: server.url, tokenEnv: 'ASANA_TOKEN' };
      const context = { source, token: demoCredentials.asana.token, fetch, now: () => new Date(org.now), log: silentLog, sleep: sleeper.sleep, random: () => 0 };
      const result = await drain(asanaConnector.read(context));
      const expected = holdings(org, 'asana');
      expect(result.quarantined).toEqual([]);
      expect(result.projects).toHaveLength(expected.projects);
      expect(new Set(result.tasks.map((task) => task.id)).size).toBe(expected.tasks);
      expect(new Set(result.timeEntries.map((entry) => entry.id)).size).toBe(expected.worklogs);
      expect(totalHours(result.timeEntries)).toBeCloseTo(expected.hours, 6);
      expect(result.projects.every((project) => project.pmId && project.portfolio)).toBe(true);
      expect(sleeper.delays).toContain(2000);
    } finally {
      await server.close();
    }
  });

  it('re-reads only the Jira issues inside the overlap window when given the cursor', async () => {
    const server = await startJiraServer(org);
    try {
      const source: JiraSourceConfig = { type: 'jira', name: 'jira-demo', baseUrl: server.url, email: demoCredentials.jira.email, tokenEnv: 'JIRA_TOKEN' };
      const base = { source, token: demoCredentials.jira.token, fetch, now: () => new Date(org.now), log: silentLog };
      const first = await drain(jiraConnector.read(base));
      const cursor = (JSON.parse(first.cursor!) as { issuesUpdated: number }).issuesUpdated;
      const jiraProjects = new Set(org.projects.filter((project) => project.system === 'jira').map((project) => project.id));
      const inWindow = org.tasks.filter((task) => jiraProjects.has(task.projectId) && task.updatedAt >= cursor - 5 * 60 * 1000);
      expect(cursor).toBe(Math.max(...org.tasks.filter((task) => jiraProjects.has(task.projectId)).map((task) => task.updatedAt)));
      const second = await drain(jiraConnector.read({ ...base, cursor: first.cursor! }));
      expect(second.tasks.map((task) => task.sourceId).sort()).toEqual(inWindow.map((task) => task.sourceId).sort());
      expect(JSON.parse(second.cursor!)).toMatchObject({ issuesUpdated: cursor, syncsSinceFull: 1 });
    } finally {
      await server.close();
    }
  });
});
