import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { demoCredentials, generateOrg } from '../../demo/generator/index.ts';
import { startAsanaServer } from '../../demo/servers/asana-server.ts';
import type { RunningServer } from '../../demo/servers/index.ts';
import { BUCKET, CREDENTIALS, startS3 } from '../publish/s3-server.ts';
import { classicScheduledEvent, lambdaContext } from './lambda-context.ts';
import { startSecretsServer } from './secrets-server.ts';
import { syncOptionsFor } from '../../functions/handlers/backfill.ts';

/**
 * The three Lambda entry points as the runtime loads them: init reads the config and (sync) the
 * connector token from Secrets Manager; then Lambda-shaped events against the embedded store, a
 * local S3 (s3rver) for the reports and the demo Asana API.
 */

type Handler = (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<Record<string, unknown>>;
type Step = 'sync' | 'compute' | 'publish';

const TOKEN_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:pmpulse/test/ASANA_TOKEN-AbCdEf';
const asOf = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
const org = generateOrg({ seed: 3, scale: 'small', asOf });
const saved = { ...process.env };
let dir: string;
let s3: Awaited<ReturnType<typeof startS3>>;
let asana: RunningServer;
let secrets: Awaited<ReturnType<typeof startSecretsServer>>;
let stdout: string[];

async function loadHandler(step: Step): Promise<Handler> {
  vi.resetModules();
  return ((await import(`../../functions/handlers/${step}.ts`)) as { handler: Handler }).handler;
}

/** The CloudWatch embedded-metric lines written so far, as `{ name: value }` per line. */
function metricLines(): Record<string, unknown>[] {
  return stdout.flatMap((text) => text.split('\n')).filter((line) => line.includes('"_aws"')).map((line) => JSON.parse(line) as Record<string, unknown>);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pmpulse-handlers-'));
  [s3, asana, secrets] = await Promise.all([startS3(), startAsanaServer(org), startSecretsServer({ [TOKEN_ARN]: demoCredentials.asana.token })]);
});

beforeEach(() => {
  process.env = {
    ...saved,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
    PMPULSE_STAGE: 'test',
    PMPULSE_SECRET_ARNS: JSON.stringify({ ASANA_TOKEN: TOKEN_ARN }),
    PMPULSE_CONFIG: JSON.stringify({
      store: { type: 'embedded', dir: join(dir, 'db') },
      reports: { type: 's3', bucket: BUCKET, endpoint: s3.endpoint, region: 'eu-west-1' },
      sources: [{ type: 'asana', name: 'asana-demo', baseUrl: asana.url, tokenEnv: 'ASANA_TOKEN' }],
    }),
  };
  delete process.env.ASANA_TOKEN;
  delete process.env.PMPULSE_TABLE;
  delete process.env.PMPULSE_REPORTS_BUCKET;
  stdout = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (stdout.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

afterAll(async () => {
  process.env = saved;
  vi.restoreAllMocks();
  await Promise.all([s3.stop(), asana.close(), secrets.close()]);
  await rm(dir, { recursive: true, force: true });
});

describe('pipeline handlers', () => {
  it('sync reads its token from Secrets Manager at init, then syncs on a scheduler event', async () => {
    const handler = await loadHandler('sync');

    const result = await handler({ kind: 'scheduled', scheduledAt: new Date().toISOString() }, lambdaContext('sync'));

    expect(secrets.calls).toEqual([TOKEN_ARN]);
    expect(process.env.ASANA_TOKEN).toBe(demoCredentials.asana.token);
    const [source] = result.sources as { source: string; counts: Record<string, number> }[];
    expect(source).toMatchObject({ source: 'asana-demo', counts: { task: expect.any(Number) } });
    expect(source!.counts.task).toBeGreaterThan(100);
    expect(metricLines().at(-1)).toMatchObject({ service: 'pmpulse', stage: 'test', step: 'sync', RunSucceeded: 1, RecordsSynced: expect.any(Number) });
  });

  it('sync reads incrementally on the next schedule and accepts a manual backfill event', async () => {
    const handler = await loadHandler('sync');
    const context = lambdaContext('sync');
    const tasks = (result: Record<string, unknown>) => (result.sources as { counts: { task?: number } }[])[0]!.counts.task ?? 0;

    const incremental = await handler(classicScheduledEvent(new Date().toISOString()), context);
    const backfill = await handler({ kind: 'backfill', from: '2000-01-01', to: asOf, sources: ['asana-demo'] }, context);

    expect(tasks(incremental)).toBe(0);
    expect(backfill).toMatchObject({ step: 'sync', kind: 'backfill', since: '2000-01-01T00:00:00.000Z', sources: [{ source: 'asana-demo' }] });
  });

  it('turns a backfill\'s from into the since of the sync service, and a schedule into a cursor read', () => {
    expect(syncOptionsFor({ kind: 'backfill', from: '2025-01-01', to: '2025-01-31', sources: ['jira'] })).toEqual({
      since: new Date('2025-01-01T00:00:00.000Z'),
      sources: ['jira'],
    });
    expect(syncOptionsFor({ kind: 'backfill', from: '2025-02-03', to: '2025-02-04' })).toEqual({ since: new Date('2025-02-03T00:00:00.000Z') });
    expect(syncOptionsFor({ kind: 'scheduled' })).toEqual({});
  });

  it('compute takes its day from a classic scheduled event and stages documents in S3', async () => {
    const handler = await loadHandler('compute');

    const result = await handler(classicScheduledEvent(`${asOf}T05:00:00Z`), lambdaContext('compute'));

    expect(result).toEqual({
      step: 'compute',
      asOf,
      documents: expect.arrayContaining(['managers.json', 'projects.json', 'alignment.json', 'quality.json']),
    });
  });

  it('publish writes a snapshot to S3, flips latest.json and emits SnapshotPublished', async () => {
    const handler = await loadHandler('publish');

    const result = await handler({ kind: 'scheduled' }, lambdaContext('publish'));

    const client = new S3Client({ endpoint: s3.endpoint, region: 'eu-west-1', forcePathStyle: true, credentials: CREDENTIALS });
    const latest = JSON.parse(await (await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'latest.json' }))).Body!.transformToString()) as Record<string, unknown>;
    client.destroy();
    expect(result).toMatchObject({ step: 'publish', asOf, snapshot: latest.snapshot });
    expect(latest.documents).toEqual(expect.arrayContaining(['managers.json', 'quality.json']));
    expect(metricLines().at(-1)).toMatchObject({ step: 'publish', SnapshotPublished: 1, RunSucceeded: 1 });
  });

  it('rejects an event it does not understand, naming the key, and counts the failed run', async () => {
    const handler = await loadHandler('sync');

    await expect(handler({ kind: 'rebuild' }, lambdaContext('sync'))).rejects.toThrow(/sync: invalid event: kind: Invalid discriminator value/);
    await expect(handler({ kind: 'backfill', from: '2025-01-31', to: '2025-01-01' }, lambdaContext('sync'))).rejects.toThrow(/to: must not be before from/);
    expect(metricLines().at(-1)).toMatchObject({ step: 'sync', RunFailed: 1 });
  });

  it('fails at init when the config is bad, naming the key', async () => {
    process.env.PMPULSE_CONFIG = JSON.stringify({ store: { type: 'redis' } });

    await expect(loadHandler('compute')).rejects.toThrow(/PMPULSE_CONFIG: store\.type/);
  });

  it('fails at init when a mapped secret cannot be read', async () => {
    process.env.PMPULSE_SECRET_ARNS = JSON.stringify({ ASANA_TOKEN: `${TOKEN_ARN}x` });

    await expect(loadHandler('sync')).rejects.toThrow(/no secret/);
  });

  it('sync stops before the invocation times out, answers complete: false, and the next invocation of { source } goes on', async () => {
    process.env.PMPULSE_CONFIG = JSON.stringify({ ...JSON.parse(process.env.PMPULSE_CONFIG!), store: { type: 'embedded', dir: join(dir, 'db-resumed') } });
    const handler = await loadHandler('sync');
    // A minute when the invocation begins (a margin of 15 s), then 10 s left: it stops at its first checkpoint.
    const nearTimeout = () => {
      let calls = 0;
      return { ...lambdaContext('sync'), getRemainingTimeInMillis: () => (calls++ === 0 ? 60_000 : 10_000) };
    };

    const results: Record<string, unknown>[] = [];
    do results.push(await handler({ source: 'asana-demo' }, nearTimeout()));
    while (results.at(-1)!.complete === false && results.length < 100);

    const asanaTasks = org.tasks.filter((task) => org.projects.find((project) => project.id === task.projectId)?.system === 'asana');
    const tasks = results.reduce((sum, result) => sum + ((result.sources as { counts: { task?: number } }[])[0]!.counts.task ?? 0), 0);
    expect(results[0]).toMatchObject({ step: 'sync', kind: 'scheduled', complete: false, sources: [{ source: 'asana-demo', complete: false }] });
    expect(results.length).toBeGreaterThan(2);
    expect(results.at(-1)).toMatchObject({ complete: true, sources: [{ source: 'asana-demo', complete: true }] });
    // Each invocation went on where the last stopped: every task read once.
    expect(tasks).toBe(asanaTasks.length);
  });

  it('fails when a backfill names a source that is not configured', async () => {
    const handler = await loadHandler('sync');

    await expect(
      handler({ kind: 'backfill', from: '2025-01-01', to: '2025-01-02', sources: ['jira-main'] }, lambdaContext('sync')),
    ).rejects.toThrow(/unknown source "jira-main"/);
  });
});
