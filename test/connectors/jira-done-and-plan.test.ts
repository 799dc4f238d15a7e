import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JiraSourceConfig } from '../../functions/config/index.ts';
import { jiraConnector, mapJiraIssue } from '../../functions/connectors/jira/index.ts';
import { JiraIssueSchema } from '../../functions/connectors/jira/schema.ts';
import { readStatusChanges } from '../../functions/connectors/jira/changelog.ts';
import type { JiraClient } from '../../functions/connectors/jira/client.ts';
import { createQuarantineBin } from '../../functions/connectors/kit/quarantine.ts';
import type { Task } from '../../functions/domain/index.ts';
import { demoCredentials, generateOrg, type DemoTask } from '../../demo/generator/index.ts';
import { startJiraServer } from '../../demo/servers/jira-server.ts';
import type { RunningServer } from '../../demo/servers/http-kit.ts';
import { drain, type Drained } from './helpers/drain.ts';
import { silentLog } from './helpers/local-server.ts';

/**
 * When work is done, and what was promised, through the real Jira connector against the demo
 * server: a project whose workflow never sets a resolution is dated from the changelog; re-planned
 * issues carry their due-date and estimate changes; bulkfetch serves only the fields asked for.
 */
const org = generateOrg({ seed: 7, scale: 'small', asOf: '2026-03-31' });
const noResolution = org.projects.find((project) => project.setsNoResolution)!;
const jiraProjects = new Set(org.projects.filter((project) => project.system === 'jira').map((project) => project.id));
const demoTasks = new Map(org.tasks.filter((task) => jiraProjects.has(task.projectId)).map((task) => [task.sourceId, task]));
const jiraTime = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

let server: RunningServer;
let synced: Drained;
let tasks: Map<string, Task>;

beforeAll(async () => {
  server = await startJiraServer(org);
  const source: JiraSourceConfig = { type: 'jira', name: 'jira-demo', baseUrl: server.url, email: demoCredentials.jira.email, tokenEnv: 'JIRA_TOKEN' };
  synced = await drain(jiraConnector.read({ source, token: demoCredentials.jira.token, fetch, now: () => new Date(org.now), log: silentLog }));
  tasks = new Map(synced.tasks.map((task) => [task.sourceId, task]));
});
afterAll(() => server.close());

/** The last move into Done, as the demo's history has it. */
function lastDone(task: DemoTask): number {
  return Math.max(...task.history.filter((change) => change.to === 'Done').map((change) => change.at));
}

describe('Jira completion dates', () => {
  it('dates the done issues of a project without resolutions by their last move into done', () => {
    const done = [...demoTasks.values()].filter((task) => task.projectId === noResolution.id && task.status === 'done');
    expect(done.length).toBeGreaterThan(20);
    for (const demo of done) {
      const task = tasks.get(demo.sourceId)!;
      expect(task.doneFrom, demo.key).toBe('changelog');
      // A reopened issue went to Done twice: the last move counts.
      expect(task.doneAt, demo.key).toBe(jiraTime(lastDone(demo)));
    }
    expect(done.some((demo) => demo.history.filter((change) => change.to === 'Done').length > 1)).toBe(true);
  });

  it('keeps the resolution date wherever the workflow sets one', () => {
    const resolved = [...demoTasks.values()].filter((task) => task.projectId !== noResolution.id && task.status === 'done');
    for (const demo of resolved) expect([tasks.get(demo.sourceId)!.doneFrom, tasks.get(demo.sourceId)!.doneAt]).toEqual(['resolution', jiraTime(demo.doneAt!)]);
  });

  it('falls back on statuscategorychangedate when neither a resolution nor a changelog move dates it', () => {
    const issue = JiraIssueSchema.parse({
      id: '1', key: 'X-1',
      fields: {
        summary: 's', project: { id: '9' }, status: { name: 'Closed', statusCategory: { key: 'done' } },
        created: '2026-03-01T09:00:00.000+0000', updated: '2026-03-05T09:00:00.000+0000',
        resolutiondate: null, statuscategorychangedate: '2026-03-04T17:30:00.000-0500',
      },
    });
    expect(mapJiraIssue('j', issue)).toMatchObject({ status: 'done', doneAt: '2026-03-04T17:30:00.000-05:00', doneFrom: 'statusCategoryChange' });
    const open = JiraIssueSchema.parse({ ...issue, fields: { ...issue.fields, status: { name: 'To Do', statusCategory: { key: 'new' } } } });
    expect(mapJiraIssue('j', open).doneAt).toBeUndefined();
  });
});

describe('Jira plan history', () => {
  it('keeps every due-date and original-estimate change of a re-planned issue, oldest first', () => {
    const replanned = [...demoTasks.values()].filter((task) => task.replans?.length);
    expect(replanned.filter((task) => task.replans!.some((replan) => replan.estimate)).length).toBeGreaterThan(5);
    for (const demo of replanned) {
      const task = tasks.get(demo.sourceId)!;
      const due = demo.replans!.filter((replan) => replan.due).map((replan) => ({
        at: jiraTime(replan.at), ...(replan.due!.from ? { from: replan.due!.from } : {}), ...(replan.due!.to ? { to: replan.due!.to } : {}),
      }));
      expect(task.dueChanges, demo.key).toEqual(due);
      const estimate = demo.replans!.filter((replan) => replan.estimate).map((replan) => ({ at: jiraTime(replan.at), fromHours: replan.estimate!.from, toHours: replan.estimate!.to }));
      expect(task.estimateChanges ?? [], demo.key).toEqual(estimate);
      // The current value is the last change's.
      expect(task.dueOn).toBe(due.at(-1)?.to);
    }
  });

  it('leaves issues never re-planned without changes', () => {
    const plain = [...demoTasks.values()].filter((task) => !task.replans);
    for (const demo of plain) expect(tasks.get(demo.sourceId)!.dueChanges).toBeUndefined();
  });

  it('serves bulkfetch items of the fields asked for only, as Jira does', async () => {
    const demo = [...demoTasks.values()].find((task) => task.replans?.some((replan) => replan.estimate) && task.history.length > 0)!;
    const ask = async (fieldIds: string[]) => {
      const response = await fetch(`${server.url}/rest/api/3/changelog/bulkfetch`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${demoCredentials.jira.email}:${demoCredentials.jira.token}`).toString('base64')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ issueIdsOrKeys: [demo.sourceId], fieldIds }),
      });
      const body = (await response.json()) as { issueChangeLogs: { changeHistories: { items: { fieldId: string }[] }[] }[] };
      return body.issueChangeLogs.flatMap((log) => log.changeHistories.map((history) => history.items.map((item) => item.fieldId)));
    };
    expect((await ask(['status'])).flat().every((field) => field === 'status')).toBe(true);
    expect(await ask(['duedate'])).toEqual(demo.replans!.filter((replan) => replan.due).map(() => ['duedate']));
    const all = (await ask([])).flat();
    expect(all).toEqual(expect.arrayContaining(['status', 'duedate', 'timeoriginalestimate', 'resolution']));
  });

  it('reads the plan of a history whose status move is quarantined, and dates the completion by the moves it trusts', async () => {
    // Jira writes every key of an item, `fromString`/`toString` included (null when empty).
    const item = (fieldId: string, from: string | null, to: string | null, strings: [string | null, string | null] = [from, to]) => ({ field: fieldId, fieldId, from, fromString: strings[0], to, toString: strings[1] });
    const histories: unknown[] = [
      { id: '1', created: '2026-03-02T09:00:00.000+0000', items: [item('status', '1', '3')] },
      { id: '2', created: '2026-03-03T09:00:00.000+0000', items: [item('duedate', '2026-03-05', '2026-03-09', ['2026-03-05 00:00:00.0', '2026-03-09 00:00:00.0']), item('status', '3', '99')] },
      // An item may leave its strings out altogether.
      { id: '3', created: '2026-03-04T09:00:00.000+0000', items: [item('status', '3', '1'), { field: 'timeoriginalestimate', fieldId: 'timeoriginalestimate', to: '7200' }] },
    ];
    let askedFields: readonly string[] = [];
    const client = { changelogs: async (_ids: readonly string[], fieldIds: readonly string[]) => { askedFields = fieldIds; return new Map([['7', histories]]); } } as unknown as JiraClient;
    const categories = new Map([['1', 'todo'], ['3', 'done']] as const);
    const bin = createQuarantineBin({ source: 'j', now: () => new Date('2026-03-05T00:00:00Z') });
    const task: Task = { id: 'j:7', source: 'j', sourceId: '7', projectId: 'j:9', title: 't', status: 'done', originalStatus: 'Done', createdAt: '2026-03-01T09:00:00+00:00', updatedAt: '2026-03-04T09:00:00+00:00', tags: [], doneAt: '2026-03-04T09:00:00+00:00', doneFrom: 'statusCategoryChange' };
    const changes = await readStatusChanges({ source: 'j', client, bin, categories }, [task]);
    expect(askedFields).toEqual(['status', 'duedate', 'timeoriginalestimate']);
    expect(bin.drain().map((entry) => entry.reason)).toEqual([expect.stringContaining('status id 99')]);
    expect(changes.map((change) => change.sourceId)).toEqual(['1', '3']);
    // The only trusted move into done is history 1 (history 2's target is unknown).
    expect([task.doneAt, task.doneFrom]).toEqual(['2026-03-02T09:00:00.000+00:00', 'changelog']);
    expect(task.dueChanges).toEqual([{ at: '2026-03-03T09:00:00.000+00:00', from: '2026-03-05', to: '2026-03-09' }]);
    expect(task.estimateChanges).toEqual([{ at: '2026-03-04T09:00:00.000+00:00', toHours: 2 }]);
  });
});
