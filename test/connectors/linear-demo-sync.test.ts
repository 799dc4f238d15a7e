import { describe, expect, it } from 'vitest';
import type { LinearSourceConfig } from '../../functions/config/index.ts';
import { linearConnector } from '../../functions/connectors/linear/index.ts';
import { inspectLinear } from '../../functions/connectors/linear/inspect.ts';
import { generateOrg } from '../../demo/generator/index.ts';
import { withLinearProjects } from '../../demo/generator/variations/linear-projects.ts';
import { linearDemoKey, startLinearServer } from '../../demo/servers/linear-server.ts';
import type { RecordBatch } from '../../functions/connectors/kit/connector.ts';
import { drain } from './helpers/drain.ts';
import { withLongHistory } from './linear-long-history.ts';
import { recordingSleep, silentLog } from './helpers/local-server.ts';

/** The Linear connector against the demo's GraphQL server, with RATELIMITED answers on: nothing lost or doubled. */

const org = withLongHistory(withLinearProjects(generateOrg({ seed: 7, scale: 'small', asOf: '2026-03-31' })));
const now = () => new Date(org.now);
const linearProjects = org.projects.filter((project) => project.system === 'linear');
const linearTasks = org.tasks.filter((task) => linearProjects.some((project) => project.id === task.projectId));

async function sync(cursor?: string, faults = { rateLimitEvery: 4, retryAfterSeconds: 2, serverErrorEvery: 9 }) {
  const server = await startLinearServer(org, { faults, now });
  try {
    const sleeper = recordingSleep();
    const source: LinearSourceConfig = { type: 'linear', name: 'linear-demo', baseUrl: server.url, tokenEnv: 'LINEAR_TOKEN' };
    const context = { source, token: linearDemoKey, fetch, now, log: silentLog, sleep: sleeper.sleep, random: () => 0, ...(cursor ? { cursor } : {}) };
    const batches: RecordBatch[] = [];
    const reader = linearConnector.read(context);
    const result = await drain((async function* () {
      for (;;) {
        const step = await reader.next();
        if (step.done) return step.value;
        batches.push(step.value);
        yield step.value;
      }
    })());
    return { result, delays: sleeper.delays, batches, requests: server.requests };
  } finally {
    await server.close();
  }
}

describe('Linear connector against the demo server', () => {
  it('has Linear projects in the demo company', () => {
    expect(linearProjects.length).toBeGreaterThan(0);
    expect(linearTasks.length).toBeGreaterThan(50);
  });

  it('syncs every project, issue and state move through RATELIMITED answers and 503s', async () => {
    const { result, delays, batches } = await sync();
    expect(result.quarantined).toEqual([]);
    expect(result.projects.map((project) => project.name).sort()).toEqual(linearProjects.map((project) => project.name).sort());
    expect(new Set(result.tasks.map((task) => task.id)).size).toBe(linearTasks.length);
    expect(result.tasks.length).toBe(linearTasks.length);
    const moves = linearTasks.reduce((sum, task) => sum + task.history.length, 0);
    expect(new Set(result.statusChanges.map((change) => change.id)).size).toBe(moves);
    // A RATELIMITED answer names the budget's reset 2 s ahead: waited out exactly.
    expect(delays).toContain(2000);
    for (const project of result.projects) {
      const demo = linearProjects.find((candidate) => candidate.name === project.name)!;
      expect(project.portfolio).toBe(org.portfolios.find((portfolio) => portfolio.id === demo.portfolioId)!.name);
      expect(project.pmId).toBeDefined();
    }
    const keys = new Set(linearTasks.map((task) => task.key));
    expect(result.tasks.every((task) => keys.has(task.sourceId))).toBe(true);
    expect(batches.filter((batch) => batch.checkpoint).length).toBeGreaterThan(0);
    expect(batches.some((batch) => batch.unavailable?.hours)).toBe(true);
  });

  it('reads nothing again on an incremental sync right after', async () => {
    const first = await sync(undefined, { rateLimitEvery: 0, retryAfterSeconds: 1, serverErrorEvery: 0 });
    const second = await sync(first.result.cursor, { rateLimitEvery: 0, retryAfterSeconds: 1, serverErrorEvery: 0 });
    expect(second.result.tasks).toEqual([]);
    expect(second.result.projects.length).toBe(linearProjects.length);
    expect(second.requests).toBeLessThan(first.requests);
  });

  it('inspects the workspace: each team\'s states as pmpulse reads them, and the projects with their lead', async () => {
    const server = await startLinearServer(org, { now });
    try {
      const source: LinearSourceConfig = { type: 'linear', name: 'linear-demo', baseUrl: server.url, tokenEnv: 'LINEAR_TOKEN' };
      const inspection = await inspectLinear({ source, token: linearDemoKey, fetch, now, log: silentLog });
      const states = inspection.sections.find((section) => section.name === 'states')!.rows;
      expect(states).toHaveLength(linearProjects.length * 5);
      expect(states.filter((row) => row.team === linearProjects[0]!.key).map((row) => [row.state, row.type, row.readAs])).toEqual([
        ['To Do', 'unstarted', 'todo'], ['In Progress', 'started', 'in_progress'], ['In Review', 'started', 'in_progress'], ['Blocked', 'started', 'in_progress'], ['Done', 'completed', 'done'],
      ]);
      expect(inspection.sections.find((section) => section.name === 'projects')!.rows).toHaveLength(linearProjects.length);
      expect(inspection.notes).toContain('no timesheetSource: hours show as unavailable');
    } finally {
      await server.close();
    }
  });
});
