import { describe, expect, it } from 'vitest';
import type { JiraSourceConfig } from '../../functions/config/index.ts';
import { jiraConnector } from '../../functions/connectors/jira/index.ts';
import { demoCredentials, generateOrg, type DemoOrg, type DemoPerson } from '../../demo/generator/index.ts';
import { startJiraServer } from '../../demo/servers/jira-server.ts';
import { drain, latestPeople } from './helpers/drain.ts';
import { silentLog } from './helpers/local-server.ts';

/**
 * Deleted Atlassian accounts against the demo Jira: a "Former user" keeps its hours under its own
 * account id (three leavers stay three people); a worklog whose author names nobody (Jira's
 * corrupted-record id `unknown`, or no author at all) is quarantined with its reason and the rest
 * of its page is kept.
 */

const org = generateOrg({ seed: 7, scale: 'small', asOf: '2026-03-31' });
const jiraProjects = new Set(org.projects.filter((project) => project.system === 'jira').map((project) => project.id));
const jiraTasks = new Set(org.tasks.filter((task) => jiraProjects.has(task.projectId)).map((task) => task.id));
const jiraLogs = org.worklogs.filter((log) => jiraTasks.has(log.taskId));

async function sync(demo: DemoOrg, rewrite?: (path: string, body: unknown) => unknown) {
  const server = await startJiraServer(demo);
  try {
    const source: JiraSourceConfig = { type: 'jira', name: 'jira', baseUrl: server.url, email: demoCredentials.jira.email, tokenEnv: 'JIRA_TOKEN' };
    const rewriting: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!rewrite) return response;
      const body = rewrite(new URL(String(input)).pathname, await response.json());
      return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
    };
    return await drain(jiraConnector.read({ source, token: demoCredentials.jira.token, fetch: rewriting, now: () => new Date(org.now), log: silentLog }));
  } finally {
    await server.close();
  }
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

describe('Jira former users', () => {
  it('keeps each former user\'s hours under its own account id, named apart', async () => {
    const leavers = org.people.filter((person) => person.formerInJira);
    expect(leavers).toHaveLength(3);
    const result = await sync(org);
    expect(result.quarantined).toEqual([]);
    const people = latestPeople(result.people);
    for (const leaver of leavers) {
      const person = people.get(`jira:${leaver.jiraAccountId}`);
      expect(person).toEqual({ id: `jira:${leaver.jiraAccountId}`, source: 'jira', sourceId: leaver.jiraAccountId, name: `Former user …${leaver.jiraAccountId.slice(-6)}`, active: false });
      const kept = result.timeEntries.filter((entry) => entry.personId === person?.id).map((entry) => entry.hours);
      const logged = jiraLogs.filter((log) => log.personId === leaver.id).map((log) => log.hours);
      expect(logged.length).toBeGreaterThan(0);
      expect(sum(kept)).toBeCloseTo(sum(logged), 6);
    }
    expect(new Set(leavers.map((leaver) => people.get(`jira:${leaver.jiraAccountId}`)?.name)).size).toBe(3);
  });

  it('quarantines worklogs whose author names nobody and keeps every other one', async () => {
    // Two corrupted records (both "unknown", as Jira shows them) each take over one worklog.
    const corrupted = (n: number): DemoPerson => ({ ...org.people.at(-1)!, id: `corrupted-${n}`, jiraAccountId: 'unknown', formerInJira: true });
    const [first, second] = jiraLogs;
    const demo: DemoOrg = {
      ...org,
      people: [...org.people, corrupted(1), corrupted(2)],
      worklogs: org.worklogs.map((log) => (log === first ? { ...log, personId: 'corrupted-1' } : log === second ? { ...log, personId: 'corrupted-2' } : log)),
    };
    // And one worklog comes without any author (as an unavailable user record may).
    let dropped: string | undefined;
    const result = await sync(demo, (path, body) => {
      if (dropped || !path.endsWith('/search/jql')) return body;
      const issues = (body as { issues?: { fields?: { worklog?: { worklogs: Record<string, unknown>[] } } }[] }).issues ?? [];
      const victim = issues.flatMap((issue) => issue.fields?.worklog?.worklogs ?? []).find((log) => log['id'] !== first?.id && log['id'] !== second?.id);
      if (victim) {
        dropped = String(victim['id']);
        delete victim['author'];
      }
      return body;
    });
    const set = result.quarantined.filter((entry) => entry.kind === 'timeEntry');
    expect(set.map((entry) => entry.recordId).sort()).toEqual([first!.id, second!.id, dropped!].map(String).sort());
    expect(set.find((entry) => entry.recordId === first!.id)?.reason).toMatch(/author\.accountId: is Jira's "unknown" account/);
    expect(set.find((entry) => entry.recordId === dropped)?.reason).toMatch(/^author: /);
    expect(result.timeEntries).toHaveLength(jiraLogs.length - 3);
    expect(result.people.some((person) => person.sourceId === 'unknown')).toBe(false);
  });
});
