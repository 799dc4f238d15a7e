import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AsanaSourceConfig } from '../../functions/config/index.ts';
import { asanaConnector } from '../../functions/connectors/asana/index.ts';
import { dueChangesOf } from '../../functions/connectors/asana/stories.ts';
import type { Task } from '../../functions/domain/index.ts';
import { demoCredentials, generateOrg } from '../../demo/generator/index.ts';
import { startAsanaServer } from '../../demo/servers/asana-server.ts';
import type { RunningServer } from '../../demo/servers/http-kit.ts';
import { drain } from './helpers/drain.ts';
import { silentLog } from './helpers/local-server.ts';

/**
 * What was promised, from Asana: the connector reads each dated task's stories and keeps its
 * `due_date_changed` stories as due-date changes (old_dates → new_dates), through the demo server.
 */
const org = generateOrg({ seed: 7, scale: 'small', asOf: '2026-03-31' });
const asanaProjects = new Set(org.projects.filter((project) => project.system === 'asana').map((project) => project.id));
const demoTasks = org.tasks.filter((task) => asanaProjects.has(task.projectId));
const auth = { authorization: `Bearer ${demoCredentials.asana.token}` };

let server: RunningServer;
let tasks: Map<string, Task>;
let storyReads = 0;

beforeAll(async () => {
  server = await startAsanaServer(org);
  const source: AsanaSourceConfig = { type: 'asana', name: 'asana-demo', baseUrl: server.url, tokenEnv: 'ASANA_TOKEN' };
  const counting: typeof fetch = (input, init) => {
    if (String(input).includes('/stories')) storyReads += 1;
    return fetch(input, init);
  };
  const synced = await drain(asanaConnector.read({ source, token: demoCredentials.asana.token, fetch: counting, now: () => new Date(org.now), log: silentLog }));
  tasks = new Map(synced.tasks.map((task) => [task.sourceId, task]));
});
afterAll(() => server.close());

describe('Asana due-date history', () => {
  it('keeps each task\'s due-date changes from its due_date_changed stories, oldest first', () => {
    const replanned = demoTasks.filter((task) => task.replans?.some((replan) => replan.due));
    expect(replanned.length).toBeGreaterThan(20);
    for (const demo of replanned) {
      const expected = demo.replans!.filter((replan) => replan.due).map((replan) => ({
        at: new Date(replan.at).toISOString(), ...(replan.due!.from ? { from: replan.due!.from } : {}), ...(replan.due!.to ? { to: replan.due!.to } : {}),
      }));
      expect(tasks.get(demo.sourceId)!.dueChanges, demo.sourceId).toEqual(expected);
    }
    for (const demo of demoTasks.filter((task) => !task.replans)) expect(tasks.get(demo.sourceId)!.dueChanges).toBeUndefined();
  });

  it('asks for the stories of dated tasks only', () => {
    expect(storyReads).toBe(demoTasks.filter((task) => task.dueOn !== null).length);
  });

  it('is served the stories as Asana shapes them: compact without opt_fields, the named fields with them', async () => {
    const demo = demoTasks.find((task) => task.replans?.some((replan) => replan.due?.from))!;
    const compact = (await (await fetch(`${server.url}/tasks/${demo.sourceId}/stories`, { headers: auth })).json()) as { data: Record<string, unknown>[] };
    expect(Object.keys(compact.data[0]!).sort()).toEqual(['created_at', 'created_by', 'gid', 'resource_subtype', 'resource_type', 'text']);
    const fields = 'resource_subtype,created_at,old_dates.due_on,new_dates.due_on';
    const full = (await (await fetch(`${server.url}/tasks/${demo.sourceId}/stories?opt_fields=${fields}&limit=100`, { headers: auth })).json()) as { data: Record<string, unknown>[] };
    const moved = full.data.find((story) => story['resource_subtype'] === 'due_date_changed' && story['old_dates'] !== null)!;
    expect(Object.keys(moved).sort()).toEqual(['created_at', 'gid', 'new_dates', 'old_dates', 'resource_subtype']);
    expect(Object.keys(moved['old_dates'] as object)).toEqual(['due_on']);
  });

  it('reads a due_at-only date as its day, a cleared date as none, and skips other stories', () => {
    const changes = dueChangesOf([
      { created_at: '2026-03-02T10:00:00.000Z', resource_subtype: 'comment_added', text: 'hello' },
      { created_at: '2026-03-05T10:00:00.000Z', resource_subtype: 'due_date_changed', old_dates: { due_on: '2026-03-10' }, new_dates: null },
      { created_at: '2026-03-03T10:00:00.000Z', resource_subtype: 'due_date_changed', old_dates: null, new_dates: { due_at: '2026-03-10T17:00:00.000Z', due_on: null } },
    ]);
    expect(changes).toEqual([
      { at: '2026-03-03T10:00:00.000Z', to: '2026-03-10' },
      { at: '2026-03-05T10:00:00.000Z', from: '2026-03-10' },
    ]);
  });

  it('reads no stories when the source sets dueDateHistory to false, and keeps each task as it is now', async () => {
    let reads = 0;
    const counting: typeof fetch = (input, init) => {
      if (String(input).includes('/stories')) reads += 1;
      return fetch(input, init);
    };
    const source: AsanaSourceConfig = { type: 'asana', name: 'asana-demo', baseUrl: server.url, tokenEnv: 'ASANA_TOKEN', dueDateHistory: false };
    const synced = await drain(asanaConnector.read({ source, token: demoCredentials.asana.token, fetch: counting, now: () => new Date(org.now), log: silentLog }));
    expect(reads).toBe(0);
    expect(synced.tasks.filter((task) => task.dueChanges !== undefined)).toEqual([]);
    expect(synced.tasks.length).toBe(tasks.size);
  });
});
