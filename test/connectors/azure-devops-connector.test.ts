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
import { parseConfig } from '../../functions/config/index.ts';
import { inspectAzureDevOps } from '../../functions/connectors/azure-devops/inspect.ts';
import { adoFixture } from './contract/azure-devops-fixture-server.ts';
import type { AdoClient } from '../../functions/connectors/azure-devops/client.ts';
import { mapRevisionBatch, type RevisionReader } from '../../functions/connectors/azure-devops/revisions.ts';
import { revisionFields } from '../../functions/connectors/azure-devops/schema.ts';
import { createStateBook } from '../../functions/connectors/azure-devops/states.ts';
import { createPeopleLedger } from '../../functions/connectors/kit/people.ts';
import { createQuarantineBin } from '../../functions/connectors/kit/quarantine.ts';

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

describe('Azure DevOps revisions kept in memory', () => {
  it('reads a work item again whole once the memory was emptied, with the same result', async () => {
    const all = (adoFixture('revisions').revisions as { id: number; rev: number }[]).filter((revision) => revision.id === 101);
    const reread: number[] = [];
    const client = {
      workItemRevisions: async (_project: string, id: number) => {
        reread.push(id);
        return all;
      },
      states: async (_project: string, type: string) => (adoFixture('states')[type] as { value: unknown[] }).value,
    } as unknown as AdoClient;
    const reader = (maxRevisions: number): RevisionReader => ({
      source: 'ado', project: 'p', client, bin: createQuarantineBin({ source: 'ado', now: fixedNow }), people: createPeopleLedger(), states: createStateBook(client),
      view: { source: 'ado', depth: 1 }, histories: new Map(), projectsSeen: new Set(), teams: [], fields: new Set(revisionFields(undefined)), maxRevisions, mappedRev: new Map(),
    });
    const roomy = reader(100);
    const tight = reader(1);
    for (const r of [roomy, tight]) {
      await mapRevisionBatch(r, all.slice(0, 2));
      await mapRevisionBatch(r, all.slice(2, 3));
    }
    const last = async (r: RevisionReader) => (await mapRevisionBatch(r, all.slice(3))).tasks;
    const [fromMemory, fromReread] = [await last(roomy), await last(tight)];
    expect(reread).toEqual([101, 101]);
    expect(fromReread).toEqual(fromMemory);
    expect(fromMemory![0]).toMatchObject({ spentHours: 6.5, status: 'done' });
  });

  it('lets no older history overwrite a newer one (a work item moved to another project, read there first)', async () => {
    const all = (adoFixture('revisions').revisions as { id: number; rev: number }[]).filter((revision) => revision.id === 101);
    const client = { states: async (_project: string, type: string) => (adoFixture('states')[type] as { value: unknown[] }).value } as unknown as AdoClient;
    const reader: RevisionReader = {
      source: 'ado', project: 'old', client, bin: createQuarantineBin({ source: 'ado', now: fixedNow }), people: createPeopleLedger(), states: createStateBook(client),
      view: { source: 'ado', depth: 1 }, histories: new Map(), projectsSeen: new Set(), teams: [], fields: new Set(revisionFields(undefined)), mappedRev: new Map([[101, 9]]),
    };
    const batch = await mapRevisionBatch(reader, all);
    expect(batch.tasks).toEqual([]);
    expect(batch.timeEntries).toEqual([]);
    expect(reader.mappedRev.get(101)).toBe(9);
  });
});

describe('Azure DevOps config and inspection', () => {
  it('a source without an organization, or with a bad depth, fails naming the key', () => {
    const base = { type: 'azure-devops', name: 'ado', tokenEnv: 'ADO_PAT' };
    expect(() => parseConfig({ sources: [base] })).toThrow(/sources\.0\.organization|sources\[0\]\.organization/);
    expect(() => parseConfig({ sources: [{ ...base, organization: 'fabrikam', areaPathDepth: 0 }] })).toThrow(/areaPathDepth/);
    expect(() => parseConfig({ sources: [{ ...base, organization: 'fabrikam', baseUrl: 'http://dev.azure.com' }] })).toThrow(/baseUrl/);
    expect(parseConfig({ sources: [{ ...base, organization: 'fabrikam' }] }).sources[0]).toMatchObject({ baseUrl: 'https://dev.azure.com', areaPathDepth: 1 });
  });

  it('lists the projects and teams a user can name in projectRules', async () => {
    const { context } = await setup();
    const inspection = await inspectAzureDevOps(context());
    expect(inspection.sections.find((section) => section.name === 'projects')!.rows).toEqual([{ id: project, name: 'Fabrikam', state: 'wellFormed' }]);
    expect(inspection.sections.find((section) => section.name === 'teams')!.rows.map((row) => row['areaKey'])).toEqual(['Fabrikam\\Fabrikam Team', 'Fabrikam\\Payments']);
  });
});
