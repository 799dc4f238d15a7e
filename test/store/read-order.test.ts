import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseConfig, type Config } from '../../functions/config/index.ts';
import { runCompute, runSync } from '../../functions/pipeline/index.ts';
import { openReportStore } from '../../functions/publish/open.ts';
import { DynamoStore, startEmbeddedDynamo, type DynamoStoreOptions, type EmbeddedDynamo } from '../../functions/store/index.ts';
import { demoCredentials, demoOwnershipConfig, demoPeople, demoPortfolioTargets, demoThemes, generateOrg } from '../../demo/generator/index.ts';
import { startAsanaServer } from '../../demo/servers/asana-server.ts';
import { startJiraServer } from '../../demo/servers/jira-server.ts';
import { seededRandom } from '../../functions/runtime/random.ts';
import { documentClient } from './helpers.ts';

/**
 * Compute reads a kind's partitions several at a time; the published documents must be the bytes
 * the one-partition-at-a-time reading gives. The demo company (with a Jira PM field, so the tasks
 * are also counted for the PM votes) is synced once; compute then runs over the same table with
 * the old reading (one partition at a time) and with the new one on a client that answers each
 * query after a random delay, so pages arrive out of order, and in small pages, so there are many.
 */

const asOf = '2026-03-31';
const org = generateOrg({ seed: 11, scale: 'small', asOf });
const silent = { info() {}, warn() {}, error() {}, debug() {} };
const fixedNow = () => new Date('2026-03-31T06:00:00.000Z');

let dir: string;
let server: EmbeddedDynamo;
let client: DynamoDBDocumentClient;
let config: Config;

/** The same client, answering each request after 0–15 ms, seeded so a failure repeats. */
function shuffledClient(base: DynamoDBDocumentClient): DynamoDBDocumentClient {
  const random = seededRandom(5);
  const send = (command: never) => new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 15))).then(() => base.send(command));
  return { send } as unknown as DynamoDBDocumentClient;
}

/** Compute over the synced table with the given reading; returns the staged documents by name. */
async function computeWith(name: string, options: DynamoStoreOptions, over: DynamoDBDocumentClient = client): Promise<Map<string, string>> {
  const reports = join(dir, `reports-${name}`);
  const store = new DynamoStore(over, 'pmpulse', options);
  const runConfig = { ...config, reports: { type: 'dir' as const, dir: reports } };
  const runtime = { config: runConfig, store, now: fixedNow, log: silent, fetch: globalThis.fetch, env: {}, reports: openReportStore(runConfig.reports) };
  await runCompute(runConfig, { asOf, runtime });
  const staging = join(reports, 'staging');
  const names = (await readdir(staging)).sort();
  return new Map(await Promise.all(names.map(async (file) => [file, await readFile(join(staging, file), 'utf8')] as const)));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pmpulse-read-order-'));
  const jira = await startJiraServer(org);
  const asana = await startAsanaServer(org);
  try {
    config = parseConfig({
      store: { type: 'embedded', dir: join(dir, 'db'), table: 'pmpulse' },
      reports: { type: 'dir', dir: join(dir, 'reports') },
      sources: [
        { type: 'jira', name: 'jira', baseUrl: jira.url, email: demoCredentials.jira.email, tokenEnv: 'JIRA_T', fields: demoOwnershipConfig(org).fields },
        { type: 'asana', name: 'asana', baseUrl: asana.url, tokenEnv: 'ASANA_T', fields: demoOwnershipConfig(org).fields },
      ],
      themes: demoThemes(org),
      people: demoPeople(org),
      portfolioTargets: demoPortfolioTargets(org),
      projectRules: demoOwnershipConfig(org).projectRules,
    });
    const sync = await runSync(config, { env: { JIRA_T: demoCredentials.jira.token, ASANA_T: demoCredentials.asana.token }, log: silent });
    expect(sync.ok).toBe(true);
  } finally {
    await Promise.all([jira.close(), asana.close()]);
  }
  server = await startEmbeddedDynamo({ dir: join(dir, 'db') });
  client = documentClient(server.endpoint);
}, 420_000);

afterAll(async () => {
  client?.destroy();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('compute reading the store several partitions at a time', () => {
  it('publishes the same bytes as reading one partition at a time, whatever order the pages arrive in', async () => {
    const sequential = await computeWith('sequential', { readConcurrency: 1 });
    const parallel = await computeWith('parallel', { readConcurrency: 16, readAheadPages: 3, pageSize: 40 }, shuffledClient(client));
    expect([...parallel.keys()]).toEqual([...sequential.keys()]);
    for (const [name, bytes] of sequential) expect(parallel.get(name), name).toBe(bytes);
    // Something to compare: PMs with figures, and the capped task lists that keep the first of equals.
    const managers = JSON.parse(sequential.get('managers.json')!) as { managers: { drivers?: { tasks: unknown[] } }[] };
    const projects = JSON.parse(sequential.get('projects.json')!) as { projects: { lateTasks?: unknown[] }[] };
    expect(managers.managers.length).toBeGreaterThan(3);
    const capped = managers.managers.reduce((n, pm) => n + (pm.drivers?.tasks.length ?? 0), 0) + projects.projects.reduce((n, p) => n + (p.lateTasks?.length ?? 0), 0);
    expect(capped).toBeGreaterThan(0);
  }, 240_000);

  it('hands out every record of a kind in the one-partition-at-a-time order, with many small pages in flight', async () => {
    const ids = async (store: DynamoStore) => {
      const all: string[] = [];
      for await (const page of store.scanRecords('timeEntry')) all.push(...page.map((entry) => entry.id));
      return all;
    };
    const sequential = await ids(new DynamoStore(client, 'pmpulse', { readConcurrency: 1 }));
    const parallel = await ids(new DynamoStore(shuffledClient(client), 'pmpulse', { readConcurrency: 16, readAheadPages: 5, pageSize: 100 }));
    expect(sequential.length).toBeGreaterThan(1000);
    expect(new Set(sequential).size).toBe(sequential.length);
    expect(parallel).toEqual(sequential);
  }, 240_000);
});

describe('compute with a Jira PM field', () => {
  it('reads the tasks from the store once, for the PM votes and the figures alike', async () => {
    const reads: string[] = [];
    const store = new DynamoStore(client, 'pmpulse', {});
    const scan = store.scanRecords.bind(store);
    store.scanRecords = ((kind, source) => {
      reads.push(kind);
      return scan(kind, source);
    }) as typeof store.scanRecords;
    const reports = join(dir, 'reports-counted');
    const runConfig = { ...config, reports: { type: 'dir' as const, dir: reports } };
    expect(runConfig.sources.some((source) => source.type === 'jira' && source.fields?.pm !== undefined)).toBe(true);
    await runCompute(runConfig, { asOf, runtime: { config: runConfig, store, now: fixedNow, log: silent, fetch: globalThis.fetch, env: {}, reports: openReportStore(runConfig.reports) } });
    expect(reads.filter((kind) => kind === 'task')).toEqual(['task']);
    expect(reads.filter((kind) => kind === 'timeEntry')).toEqual(['timeEntry']);
    expect(await readFile(join(reports, 'staging', 'managers.json'), 'utf8')).toBe(await readFile(join(dir, 'reports-sequential', 'staging', 'managers.json'), 'utf8'));
  }, 240_000);
});
