import { describe, expect, it } from 'vitest';
import type { JiraSourceConfig } from '../../functions/config/index.ts';
import { jiraConnector } from '../../functions/connectors/jira/index.ts';
import { demoCredentials, generateOrg, type DemoOrg } from '../../demo/generator/index.ts';
import { startJiraServer } from '../../demo/servers/jira-server.ts';
import { drain } from './helpers/drain.ts';
import { silentLog } from './helpers/local-server.ts';

/** Two syncs against the demo Jira, the organisation edited in between as people edit a real site. */

const org = generateOrg({ seed: 7, scale: 'small', asOf: '2026-03-31' });
const jiraProjectIds = new Set(org.projects.filter((project) => project.system === 'jira').map((project) => project.id));
const jiraTasks = org.tasks.filter((task) => jiraProjectIds.has(task.projectId));
const hour = 3_600_000;

async function sync(demo: DemoOrg, now: number, cursor?: string) {
  const server = await startJiraServer(demo, { now: () => new Date(now) });
  try {
    const source: JiraSourceConfig = { type: 'jira', name: 'jira-demo', baseUrl: server.url, email: demoCredentials.jira.email, tokenEnv: 'JIRA_TOKEN' };
    const context = { source, token: demoCredentials.jira.token, fetch, now: () => new Date(now), log: silentLog, ...(cursor ? { cursor } : {}) };
    return await drain(jiraConnector.read(context));
  } finally {
    await server.close();
  }
}

/** After the first sync: a worklog added to an old issue (its `updated` unchanged), a worklog deleted, an issue deleted. */
function editedOrg(at: number) {
  const edited = structuredClone(org);
  const oldTask = [...jiraTasks].sort((a, b) => a.updatedAt - b.updatedAt)[0]!;
  const added = { id: '990001', taskId: oldTask.id, personId: oldTask.reporterId, day: '2026-03-30', startedAt: at - 3 * hour, hours: 2, updatedAt: at };
  edited.worklogs.push(added);
  const removedLog = edited.worklogs.find((log) => log.taskId !== oldTask.id && jiraTasks.some((task) => task.id === log.taskId))!;
  edited.worklogs = edited.worklogs.filter((log) => log !== removedLog);
  edited.deletedWorklogs = [{ id: removedLog.id, deletedAt: at }];
  const gone = jiraTasks.find((task) => task.id !== oldTask.id && task.id !== removedLog.taskId)!;
  edited.tasks = edited.tasks.filter((task) => task.id !== gone.id);
  edited.worklogs = edited.worklogs.filter((log) => log.taskId !== gone.id);
  return { edited, oldTask, added, removedLog, gone };
}

describe('jiraConnector incremental syncs against the demo Jira', () => {
  it('reads status history from the changelog: one change per move, startedAt from the first start', async () => {
    const first = await sync(org, org.now + hour);
    expect(first.statusChanges).toHaveLength(jiraTasks.reduce((sum, task) => sum + task.history.length, 0));
    const started = jiraTasks.filter((task) => task.startedAt !== null);
    const tasks = new Map(first.tasks.map((task) => [task.sourceId, task]));
    // The demo Jira writes UTC (`+0000`); the connector keeps the offset Jira wrote.
    for (const task of started) expect(tasks.get(task.sourceId)?.startedAt).toBe(new Date(task.startedAt!).toISOString().replace('Z', '+00:00'));
    const reopened = first.statusChanges.filter((change) => change.from === 'done' || (change.from === 'in_progress' && change.to === 'todo'));
    expect(reopened.every((change) => change.taskId.startsWith('jira-demo:'))).toBe(true);
  });

  it('sees a worklog added to an old issue and a deleted worklog, without a reconcile within the day', async () => {
    const first = await sync(org, org.now + hour);
    const { edited, oldTask, added, removedLog } = editedOrg(org.now + 2 * hour);
    const second = await sync(edited, org.now + 3 * hour, first.cursor);
    expect(second.tasks.some((task) => task.sourceId === oldTask.sourceId)).toBe(false);
    expect(second.timeEntries.find((entry) => entry.sourceId === added.id)).toMatchObject({ taskId: `jira-demo:${oldTask.sourceId}`, hours: 2 });
    expect(second.deletions).toEqual([{ kind: 'timeEntry', ids: [`jira-demo:${removedLog.id}`] }]);
  });

  it('reconciles issue ids once the last reconcile is a day old: a deleted issue becomes a deletion', async () => {
    const first = await sync(org, org.now + hour);
    const { edited, gone } = editedOrg(org.now + 2 * hour);
    const second = await sync(edited, org.now + 26 * hour, first.cursor);
    expect(second.deletions).toContainEqual({ kind: 'task', ids: [`jira-demo:${gone.sourceId}`] });
    const third = await sync(edited, org.now + 27 * hour, second.cursor);
    expect(third.deletions.filter((deletion) => deletion.kind === 'task')).toEqual([]);
  });
});
