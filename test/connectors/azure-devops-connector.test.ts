import { afterEach, describe, expect, it } from 'vitest';
import { AzureDevOpsSourceSchema } from '../../functions/config/azure-devops.ts';
import { azureDevOpsConnector } from '../../functions/connectors/azure-devops/index.ts';
import { pacedFetch, secondsUntilReset } from '../../functions/connectors/azure-devops/rate-limit.ts';
import type { RecordBatch } from '../../functions/connectors/kit/connector.ts';
import { drain } from './helpers/drain.ts';
import { fixedNow } from './fixtures.ts';
import { recordingSleep, silentLog, startLocalServer, type LocalServer } from './helpers/local-server.ts';
import { adoFixtureRoutes, adoFixtureState, adoOrganization, adoToken } from './contract/azure-devops-fixture-server.ts';
import { summarise } from './contract/suite.ts';

const project = '6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c';
const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function setup() {
  const state = adoFixtureState(false);
  const server = await startLocalServer((request, response) => adoFixtureRoutes(request, response, state));
  servers.push(server);
  const source = AzureDevOpsSourceSchema.parse({ type: 'azure-devops', name: 'ado-main', baseUrl: server.url, organization: adoOrganization, tokenEnv: 'ADO_TOKEN', areaPathDepth: 2 });
  const context = (extra: { cursor?: string; checkpoint?: string; since?: Date } = {}) => ({ source, token: adoToken, fetch, now: fixedNow, log: silentLog, sleep: recordingSleep().sleep, ...extra });
  return { server, context };
}

/** The last record of each id, as the store would hold it. */
function latest<T extends { id: string }>(records: readonly T[]): T[] {
  return [...new Map(records.map((record) => [record.id, record])).values()].sort((a, b) => a.id.localeCompare(b.id));
}

describe('Azure DevOps connector', () => {
  it('maps a work item read from the middle of its history the same as from a full read', async () => {
    const { server, context } = await setup();
    const full = await drain(azureDevOpsConnector.read(context()));
    // A watermark after the 5th revision: 101 and 102 change later, from revision 3 and 3.
    const partial = await drain(azureDevOpsConnector.read(context({ cursor: JSON.stringify({ v: 1, tokens: { [project]: '5' } }) })));
    const reread = server.requests.filter((request) => /workItems\/\d+\/revisions$/.test(request.path)).map((request) => request.path.split('/').at(-2));
    expect(reread.sort()).toEqual(['101', '102']);
    expect(latest(partial.tasks)).toEqual(latest(full.tasks));
    expect(latest(partial.timeEntries)).toEqual(latest(full.timeEntries));
    expect(latest(partial.statusChanges)).toEqual(latest(full.statusChanges));
  });

  it('yields entries that add up to each work item\'s CompletedWork', async () => {
    const { context } = await setup();
    const result = await drain(azureDevOpsConnector.read(context()));
    // 101's CompletedWork 5 → 4 only shrinks rev 3's entry; nothing here empties one.
    expect(result.deletions.filter((deletion) => deletion.kind === 'timeEntry')).toEqual([]);
    expect(latest(result.timeEntries).reduce((sum, entry) => sum + entry.hours, 0)).toBe(6.5 + 1.5);
  });

  it('reads from startDateTime on a backfill, whatever the cursor says', async () => {
    const { server, context } = await setup();
    await drain(azureDevOpsConnector.read(context({ since: new Date('2026-03-04T00:00:00Z'), cursor: JSON.stringify({ v: 1, tokens: { [project]: '9' } }) })));
    const feed = server.requests.find((request) => request.path.endsWith('/reporting/workitemrevisions'))!;
    expect(feed.query.get('startDateTime')).toBe('2026-03-04T00:00:00.000Z');
    expect(feed.query.has('continuationToken')).toBe(false);
  });

  it('resumes from a checkpoint with the same records as an uninterrupted read', async () => {
    const { context } = await setup();
    const whole = await drain(azureDevOpsConnector.read(context()));
    const reader = azureDevOpsConnector.read(context());
    let checkpoint: string | undefined;
    const before: RecordBatch[] = [];
    for (let step = await reader.next(); !step.done; step = await reader.next()) {
      before.push(step.value);
      if (step.value.checkpoint) {
        checkpoint = step.value.checkpoint;
        if (before.filter((batch) => batch.checkpoint).length === 2) break;
      }
    }
    expect(JSON.parse(checkpoint!)).toMatchObject({ projects: [project], token: '4' });
    const rest = await drain(azureDevOpsConnector.read(context({ checkpoint })));
    const tasks = latest([...before.flatMap((batch) => batch.tasks ?? []), ...rest.tasks]);
    expect(tasks).toEqual(latest(whole.tasks));
    expect(rest.cursor).toEqual(whole.cursor);
  });

  it('names the config key when a configured project does not exist', async () => {
    const { server } = await setup();
    const source = AzureDevOpsSourceSchema.parse({ type: 'azure-devops', name: 'ado-main', baseUrl: server.url, organization: adoOrganization, tokenEnv: 'ADO_TOKEN', projects: ['Contoso'] });
    await expect(drain(azureDevOpsConnector.read({ source, token: adoToken, fetch, now: fixedNow, log: silentLog }))).rejects.toThrow(/no project "Contoso".*sources\[\]\.projects\[0\]/);
  });

  it('is refused with a wrong token', async () => {
    const { context } = await setup();
    await expect(drain(azureDevOpsConnector.read({ ...context(), token: 'wrong' }))).rejects.toThrow(/refused \(401\)/);
  });

  it('quarantines the work item whose latest revision does not fit and keeps the rest', async () => {
    const { context } = await setup();
    const summary = summarise(await drain(azureDevOpsConnector.read(context())));
    expect(summary.quarantined).toContainEqual({ kind: 'task', recordId: '103', reason: expect.stringContaining('System.State') });
    expect(summary.tasks.some((task) => task.sourceId === '103')).toBe(false);
  });
});

describe('Azure DevOps rate-limit headers', () => {
  it('holds the next request for the Retry-After a successful answer carries', async () => {
    const sleeps: number[] = [];
    let clock = 0;
    const answers = [new Response('{}', { status: 200, headers: { 'retry-after': '3', 'x-ratelimit-delay': '1.2' } }), new Response('{}', { status: 200 })];
    const paced = pacedFetch(async () => answers.shift()!, { now: () => new Date(clock), sleep: async (ms) => void sleeps.push(ms) });
    await paced('http://127.0.0.1/a');
    clock += 1000;
    await paced('http://127.0.0.1/b');
    expect(sleeps).toEqual([2000]);
  });

  it('gives a 429 that names only X-RateLimit-Reset (epoch seconds) the matching Retry-After', async () => {
    const now = new Date('2026-03-05T12:00:00Z');
    const reset = String(now.getTime() / 1000 + 7);
    const paced = pacedFetch(async () => new Response('', { status: 429, headers: { 'x-ratelimit-reset': reset } }), { now: () => now, sleep: async () => {} });
    const answer = await paced('http://127.0.0.1/a');
    expect(answer.headers.get('retry-after')).toBe('7');
    expect(secondsUntilReset('not a time', now)).toBeUndefined();
  });
});
