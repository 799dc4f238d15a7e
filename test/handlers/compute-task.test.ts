import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../functions/config/index.ts';
import { createComputeHandler } from '../../functions/handlers/compute-step.ts';
import { SCHEDULED_AT_ENV } from '../../functions/handlers/compute-task-env.ts';
import { computeTaskEvent } from '../../functions/handlers/compute-task-run.ts';
import { STAGING_MANIFEST, stagingKey, type StagingManifest } from '../../functions/pipeline/staging.ts';
import { createDirReportStore } from '../../functions/publish/dir-report-store.ts';
import { openStore, startEmbeddedDynamo, type EmbeddedDynamo } from '../../functions/store/index.ts';
import { bundleComputeTask } from '../../infra/compute-image.ts';
import { task, timeEntry } from '../store/helpers.ts';
import { lambdaContext } from './lambda-context.ts';

/**
 * The compute task's container entry, run as the image runs it: the esbuild bundle the image is
 * built from (infra/compute-image.ts), started with `node` in a process of its own, with the
 * environment the stack gives the compute Lambda (the table by name, read through the DynamoDB
 * client) and the schedule time the state machine sets. DynamoDB is the embedded server, reached
 * over HTTP at `AWS_ENDPOINT_URL_DYNAMODB`.
 */

const TABLE = 'pmpulse';
let bundle: string;
let scratch: string;
let dynamo: EmbeddedDynamo;

type Run = { code: number | null; lines: Record<string, unknown>[] };

/** Runs the bundle with only the given environment (no AWS credentials, no inherited config). */
function runBundle(env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle], { env: { PATH: process.env.PATH ?? '', TZ: 'UTC', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, lines: out.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>) }));
  });
}

/** The compute Lambda's variables as the stack sets them (the reports in a folder here), and where DynamoDB answers. */
const environment = (reportsDir: string, extra: Record<string, string> = {}) => ({
  PMPULSE_CONFIG: JSON.stringify({ reports: { type: 'dir', dir: reportsDir } }),
  PMPULSE_TABLE: TABLE,
  PMPULSE_STAGE: 'test',
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
  ...extra,
});

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'pmpulse-compute-task-'));
  bundle = bundleComputeTask(join(scratch, 'image'));
  dynamo = await startEmbeddedDynamo({ dir: join(scratch, 'db') });
  const store = await openStore({ type: 'dynamodb', table: TABLE, endpoint: dynamo.endpoint });
  // Seven projects led by three people, so managers.json has three managers to compare.
  await store.putRecords('person', Array.from({ length: 13 }, (_, n) => ({ id: `jira-main:u${n}`, source: 'jira-main', sourceId: `u${n}`, name: `Person ${n}` })));
  await store.putRecords('project', Array.from({ length: 7 }, (_, n) => ({ id: `jira-main:p${n}`, source: 'jira-main', sourceId: `p${n}`, name: `Project ${n}`, pmId: `jira-main:u${n % 3}`, tags: [] })));
  await store.putRecords('task', Array.from({ length: 40 }, (_, n) => task('jira-main', n, { assigneeId: `jira-main:u${n % 4}` })));
  await store.putRecords('timeEntry', Array.from({ length: 120 }, (_, n) => timeEntry('jira-main', n)));
  await store.close();
});

afterAll(async () => {
  await dynamo.close();
  await rm(scratch, { recursive: true, force: true });
});

describe('the compute task entry', () => {
  it('computes the day the run was scheduled, as the compute Lambda does for the same event, and exits 0', async () => {
    const reportsDir = join(scratch, 'reports-task');
    // Without kpi.timeZone, the day as written: 01:30 at +02:00 is the 10th (the 9th only in UTC).
    const scheduledAt = '2025-03-10T01:30:00+02:00';

    const run = await runBundle(environment(reportsDir, { [SCHEDULED_AT_ENV]: scheduledAt }));

    expect(run.code, JSON.stringify(run.lines)).toBe(0);
    const reports = createDirReportStore(reportsDir);
    const manifest = await reports.getJson<StagingManifest>(STAGING_MANIFEST);
    expect(manifest?.asOf).toBe('2025-03-10');
    // The Lambda's handler on the same store and event stages the same documents.
    const lambdaReports = join(scratch, 'reports-lambda');
    const config = parseConfig({ store: { type: 'dynamodb', table: TABLE, endpoint: dynamo.endpoint }, reports: { type: 'dir', dir: lambdaReports } }, 'PMPULSE_CONFIG');
    const lambda = createComputeHandler(config, { env: { PMPULSE_STAGE: 'test' } });
    const quiet = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const result = (await lambda({ kind: 'scheduled', scheduledAt }, lambdaContext('compute')).finally(() => quiet.mockRestore())) as { asOf: string; documents: string[] };
    expect(result.asOf).toBe('2025-03-10');
    expect(manifest?.documents).toEqual(result.documents);
    const managers = await reports.getJson<{ managers: { id: string; projectIds: string[] }[] }>(stagingKey('managers.json'));
    expect(Object.fromEntries(managers!.managers.map((manager) => [manager.id, [...manager.projectIds].sort()]))).toEqual({
      'jira-main:u0': ['jira-main:p0', 'jira-main:p3', 'jira-main:p6'],
      'jira-main:u1': ['jira-main:p1', 'jira-main:p4'],
      'jira-main:u2': ['jira-main:p2', 'jira-main:p5'],
    });
    for (const name of ['managers.json', 'projects.json'] as const) {
      expect(await reports.getJson(stagingKey(name)), name).toEqual(await createDirReportStore(lambdaReports).getJson(stagingKey(name)));
    }
    // Logged as the Lambda logs: the event it was given, the outcome, every line labelled.
    const started = run.lines.find((line) => line.message === 'compute started');
    expect(started).toMatchObject({ level: 'INFO', service: 'pmpulse', stage: 'test', step: 'compute', function_name: 'pmpulse-compute-task', event: { kind: 'scheduled', scheduledAt } });
    expect(run.lines.find((line) => line.message === 'compute finished')).toMatchObject({ result: { step: 'compute', asOf: '2025-03-10' } });
    expect(run.lines.find((line) => '_aws' in line)).toMatchObject({ RunSucceeded: 1, step: 'compute', stage: 'test' });
  });

  it('exits non-zero, naming the key, when the schedule time it is given is not a date-time', async () => {
    const reportsDir = join(scratch, 'reports-bad-event');

    const run = await runBundle(environment(reportsDir, { [SCHEDULED_AT_ENV]: 'yesterday' }));

    expect(run.code).toBe(1);
    const failed = run.lines.find((line) => line.message === 'compute failed');
    expect(failed).toMatchObject({ level: 'ERROR', errorName: 'InvalidEventError', step: 'compute' });
    expect(String(failed?.error)).toMatch(/compute: invalid event: scheduledAt: must be an ISO date-time/);
    expect(await createDirReportStore(reportsDir).getJson(STAGING_MANIFEST)).toBeUndefined();
  });

  it('exits non-zero and logs the failed start when the config is bad, naming the key', async () => {
    const run = await runBundle({ ...environment(join(scratch, 'reports-bad-config')), PMPULSE_CONFIG: JSON.stringify({ kpi: { windowDays: 'thirty' } }), [SCHEDULED_AT_ENV]: '2025-03-10T05:00:00Z' });

    expect(run.code).toBe(1);
    const failed = run.lines.find((line) => line.message === 'compute failed to start');
    expect(failed).toMatchObject({ level: 'ERROR', step: 'compute', stage: 'test', errorName: 'ConfigError' });
    expect(String(failed?.error)).toMatch(/PMPULSE_CONFIG: kpi\.windowDays/);
  });

  it('builds the scheduled event from the environment, today when the state machine set no time', () => {
    expect(computeTaskEvent({ [SCHEDULED_AT_ENV]: '2025-03-10T05:00:00Z' })).toEqual({ kind: 'scheduled', scheduledAt: '2025-03-10T05:00:00Z' });
    expect(computeTaskEvent({})).toEqual({ kind: 'scheduled' });
  });
});
