import { describe, expect, it } from 'vitest';
import { AzureDevOpsSourceSchema } from '../../functions/config/azure-devops.ts';
import { azureDevOpsConnector } from '../../functions/connectors/azure-devops/index.ts';
import { generateOrg } from '../../demo/generator/index.ts';
import { ADO_ORGANIZATION, ADO_TOKEN, adoAreaPath, withAzureDevOpsProjects } from '../../demo/generator/variations/azure-devops-projects.ts';
import { startAzureDevOpsServer } from '../../demo/servers/azure-devops-server.ts';
import { drain } from './helpers/drain.ts';
import { recordingSleep, silentLog } from './helpers/local-server.ts';

/** The Azure DevOps connector against the demo's Azure DevOps server, with faults on: nothing lost or doubled. */

const org = withAzureDevOpsProjects(generateOrg({ seed: 7, scale: 'small', asOf: '2026-03-31' }));
const moved = org.projects.filter((project) => project.system === 'azure-devops');
const movedIds = new Set(moved.map((project) => project.id));
const tasks = org.tasks.filter((task) => movedIds.has(task.projectId));
const worklogs = org.worklogs.filter((log) => tasks.some((task) => task.id === log.taskId));
const faults = { rateLimitEvery: 7, retryAfterSeconds: 2, serverErrorEvery: 11 };

const latest = <T extends { id: string }>(records: readonly T[]) => [...new Map(records.map((record) => [record.id, record])).values()];

async function sync(options: { cursor?: string; deleted?: string[] } = {}) {
  const server = await startAzureDevOpsServer(org, { faults, ...(options.deleted ? { deleted: options.deleted } : {}) });
  try {
    const sleeper = recordingSleep();
    const source = AzureDevOpsSourceSchema.parse({ type: 'azure-devops', name: 'azure-devops', baseUrl: server.url.replace(/\/[^/]+$/, ''), organization: ADO_ORGANIZATION, tokenEnv: 'ADO_TOKEN', areaPathDepth: 2 });
    const context = { source, token: ADO_TOKEN, fetch, now: () => new Date(org.now), log: silentLog, sleep: sleeper.sleep, random: () => 0, ...(options.cursor ? { cursor: options.cursor } : {}) };
    return { result: await drain(azureDevOpsConnector.read(context)), delays: sleeper.delays, requests: server.requests };
  } finally {
    await server.close();
  }
}

describe('Azure DevOps connector against the demo server', () => {
  it('has projects to move', () => {
    expect(moved.length).toBeGreaterThan(1);
    expect(worklogs.length).toBeGreaterThan(100);
  });

  it('syncs every moved project, work item and hour through 429s and 503s', async () => {
    const { result, delays } = await sync();
    expect(result.quarantined).toEqual([]);
    expect(latest(result.projects).map((project) => project.key).sort()).toEqual(moved.map((project) => adoAreaPath(org, project)).sort());
    expect(latest(result.projects).every((project) => project.portfolio === org.portfolios.find((portfolio) => project.key!.startsWith(`${portfolio.name}\\`))?.name)).toBe(true);
    const synced = latest(result.tasks);
    expect(synced).toHaveLength(tasks.length);
    // One entry per worklog (each raised CompletedWork by its hours), summing to the same hours per task.
    const entries = latest(result.timeEntries);
    expect(entries).toHaveLength(worklogs.filter((log) => log.hours > 0).length);
    const hoursOf = (taskSourceId: string) => entries.filter((entry) => entry.taskId === `azure-devops:${taskSourceId}`).reduce((sum, entry) => sum + entry.hours, 0);
    for (const task of tasks) expect(hoursOf(task.sourceId)).toBeCloseTo(task.spentHours, 6);
    const doneTasks = tasks.filter((task) => task.status === 'done');
    expect(synced.filter((task) => task.status === 'done')).toHaveLength(doneTasks.length);
    expect(delays).toContain(2000);
  });

  it('reads nothing again from its watermark, and deletes what the recycle bin holds', async () => {
    const first = await sync();
    const gone = tasks[0]!.sourceId;
    const second = await sync({ cursor: first.result.cursor!, deleted: [gone] });
    expect(second.result.tasks).toEqual([]);
    expect(second.result.deletions).toEqual([{ kind: 'task', ids: [`azure-devops:${gone}`] }]);
    expect(second.requests).toBeLessThan(first.requests);
  });
});
