import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSesServer, type RunningSesServer } from '../../demo/servers/ses-server.ts';
import { startSlackWebhookServer, type RunningSlackWebhookServer } from '../../demo/servers/slack-webhook-server.ts';
import { snapshotKey } from '../../functions/contract/layout.ts';
import { openReportStore } from '../../functions/publish/open.ts';
import { PipelineStateMachine } from '../../infra/pipeline-state-machine.ts';
import { handMadePair } from '../digest/pair.ts';
import { fillTemplate, stateMachineDefinition } from '../infra/state-machine-definition.ts';
import { BUCKET, CREDENTIALS, startS3 } from '../publish/s3-server.ts';
import { startCognitoServer, user } from './cognito-server.ts';
import { lambdaContext } from './lambda-context.ts';
import { startSecretsServer } from './secrets-server.ts';

/**
 * The digest function as the Lambda runtime loads it: at init the Slack webhook URLs from Secrets
 * Manager; then the state machine's alerts payload and the weekly schedule's event, against a
 * local S3 (s3rver) holding two snapshots a week apart (test/digest/pair.ts), the embedded store
 * for the alert state, and the stand-ins of SES (in the sandbox), Slack and Cognito.
 *
 * By hand from the fixture: projects asana:1201 (Grace's) and asana:1202 (pm-nasty's) are off
 * track, and portfolio Growth & Payments' gap 0.22 is above 0.2: three alerts, one of them Grace's.
 */

type Handler = (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<Record<string, unknown>>;

const SLACK_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:pmpulse/test/digest-slack-AbCdEf';
const POOL = 'eu-west-1_TestPool';
const FROM = 'digest@pulse.example.com';
const ids = { earlier: '20251116T060000Z-00000016', current: '20251123T060000Z-00000023' };
const saved = { ...process.env };
let dir: string;
let s3: Awaited<ReturnType<typeof startS3>>;
let ses: RunningSesServer;
let slack: RunningSlackWebhookServer;
let secrets: Awaited<ReturnType<typeof startSecretsServer>>;
let cognito: Awaited<ReturnType<typeof startCognitoServer>>;
let hook: string;
let stdout: string[];
/** Powertools writes warnings and errors here. */
let stderr: string[];

const digestConfig = (recipients: Record<string, unknown> | undefined) => ({
  siteUrl: 'https://pulse.example.com/',
  email: { from: FROM },
  ...(recipients ? { recipients } : {}),
  slack: { leadership: { webhookUrlEnv: 'SLACK_WEBHOOK_LEADERSHIP' } },
});

function environment(options: { recipients: 'config' | 'cognito'; db: string; alerts?: unknown[] }): NodeJS.ProcessEnv {
  return {
    ...saved,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
    AWS_ENDPOINT_URL_SESV2: ses.url,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint,
    PMPULSE_STAGE: 'test',
    PMPULSE_DIGEST_SLACK_SECRET_ARN: SLACK_SECRET,
    PMPULSE_DIGEST_RECIPIENTS: options.recipients,
    ...(options.recipients === 'cognito' ? { PMPULSE_DIGEST_USER_POOL_ID: POOL } : {}),
    PMPULSE_CONFIG: JSON.stringify({
      store: { type: 'embedded', dir: join(dir, options.db) },
      reports: { type: 's3', bucket: BUCKET, endpoint: s3.endpoint, region: 'eu-west-1' },
      digest: digestConfig(options.recipients === 'config' ? { leadership: ['cto@example.com'], pm: { 'pm-grace': ['grace@example.com'], 'pm-gone': ['gone@example.com'] } } : undefined),
      alerts: options.alerts ?? [{ kind: 'projectOffTrack' }, { kind: 'portfolioGapAbove', value: 0.2, id: 'gap' }],
    }),
  };
}

async function loadHandler(env: NodeJS.ProcessEnv): Promise<Handler> {
  process.env = env;
  delete process.env.SLACK_WEBHOOK_LEADERSHIP;
  delete process.env.PMPULSE_TABLE;
  delete process.env.PMPULSE_REPORTS_BUCKET;
  vi.resetModules();
  return ((await import('../../functions/handlers/digest.ts')) as unknown as { handler: Handler }).handler;
}

/** The payload the state machine's SendAlerts state sends after publishing `snapshot`. */
function alertsPayload(snapshot: string): unknown {
  const stack = new Stack(new App(), 'Flow');
  const fn = (name: string) => lambda.Function.fromFunctionArn(stack, name, `arn:aws:lambda:eu-west-1:123456789012:function:${name}`);
  new PipelineStateMachine(stack, 'Pipeline', {
    stage: 'test',
    functions: { sync: fn('sync'), compute: fn('compute'), publish: fn('publish') },
    alerts: fn('digest'),
    siteBuild: codebuild.Project.fromProjectName(stack, 'Build', 'site-build'),
    failureQueue: sqs.Queue.fromQueueArn(stack, 'Queue', 'arn:aws:sqs:eu-west-1:123456789012:failed-runs'),
    sources: [],
  });
  const state = stateMachineDefinition(Template.fromStack(stack)).definition.States.SendAlerts!;
  return fillTemplate(state.Parameters!, { publish: { snapshot } }).Payload;
}

/** The CloudWatch embedded-metric lines written so far, as `{ name: value }` per line. */
const metricLines = () => stdout.flatMap((text) => text.split('\n')).filter((line) => line.includes('"_aws"')).map((line) => JSON.parse(line) as Record<string, unknown>);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pmpulse-digest-handler-'));
  [s3, ses, slack] = await Promise.all([startS3(), startSesServer({ verified: [FROM, '@example.com'], sandbox: true, region: 'eu-west-1' }), startSlackWebhookServer()]);
  hook = slack.hook('leadership');
  secrets = await startSecretsServer({ [SLACK_SECRET]: JSON.stringify({ SLACK_WEBHOOK_LEADERSHIP: hook }) });
  cognito = await startCognitoServer(POOL, {
    leadership: [user('cto', 'CTO@example.com'), user('cfo', 'cfo@example.com'), user('left', 'left@example.com', { enabled: false }), user('newcomer', 'new@example.com', { verified: false })],
    strategy: [user('strat', 'strategy@example.com')],
    pm: [
      user('ada', 'ada@example.com', { person: 'pm-ada' }),
      user('grace', 'grace@example.com', { person: 'pm-grace' }),
      // Federated: the provider's address, which Cognito never marks verified.
      user('linus', 'linus@example.com', { person: 'pm-linus', verified: false, status: 'EXTERNAL_PROVIDER' }),
      user('nobody', 'nobody@example.com'),
      user('stranger', 'stranger@example.com', { person: 'pm-zed' }),
      // In the sandbox this address is not verified: SES refuses it, the others still go.
      user('marie', 'marie@unverified.example', { person: 'pm-marie' }),
    ],
  });
  const reports = openReportStore({ type: 's3', bucket: BUCKET, prefix: '', endpoint: s3.endpoint, region: 'eu-west-1' }, { credentials: CREDENTIALS });
  const { current, earlier } = await handMadePair();
  for (const [id, docs] of [[ids.earlier, earlier], [ids.current, current]] as const) {
    for (const [name, doc] of Object.entries(docs)) await reports.putJson(snapshotKey(id, name), doc);
  }
  await reports.putJson('latest.json', { schemaVersion: 1, snapshot: ids.current, generatedAt: '2025-11-23T06:00:00Z', asOf: '2025-11-23', documents: Object.keys(current) });
});

beforeEach(() => {
  stdout = [];
  stderr = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (stdout.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (stderr.push(String(chunk)), true));
});

afterAll(async () => {
  process.env = saved;
  vi.restoreAllMocks();
  await Promise.all([s3?.stop(), ses?.close(), slack?.close(), secrets?.close(), cognito?.close()]);
  await rm(dir, { recursive: true, force: true });
});

const mailsSince = (count: number) => ses.sent.slice(count);

describe('the digest function, recipients from the config', () => {
  it('sends the alerts of the snapshot the state machine names, to leadership and to the PM whose project it is, once', async () => {
    const handler = await loadHandler(environment({ recipients: 'config', db: 'db-config' }));
    const payload = alertsPayload(ids.current);
    expect(payload).toEqual({ mode: 'alerts', snapshot: ids.current });
    const mails = ses.sent.length;
    const posts = slack.received.length;

    const first = await handler(payload, lambdaContext('digest'));

    expect(first).toEqual({ step: 'digest', mode: 'alerts', snapshot: ids.current, fired: 3, sent: 3, failed: 0 });
    const sent = mailsSince(mails);
    expect(sent.map((m) => [m.to, m.subject])).toEqual([
      [['cto@example.com'], expect.stringContaining('pmpulse alerts, 2025-11-23')],
      [['grace@example.com'], expect.stringContaining('pmpulse alerts for Grace Hopper')],
    ]);
    expect(sent.every((m) => m.from === FROM)).toBe(true);
    // Grace hears of her own project only, linked to her own page.
    expect(sent[1]!.text).toContain('Checkout experiments');
    expect(sent[1]!.text).not.toContain('Launch');
    expect(sent[1]!.text).not.toContain('Growth & Payments');
    expect(slack.received.slice(posts).map((p) => [p.hook, p.status])).toEqual([['leadership', 200]]);

    // The state is kept in the store: a retry or the next run fires nothing and sends nothing.
    const again = await handler(payload, lambdaContext('digest', 'req-2'));
    expect(again).toEqual({ step: 'digest', mode: 'alerts', snapshot: ids.current, fired: 0, sent: 0, failed: 0 });
    expect(ses.sent.length).toBe(mails + 2);
    expect(slack.received.length).toBe(posts + 1);
    // The webhook URL was read once, at init, and is in no log line.
    expect(secrets.calls.filter((id) => id === SLACK_SECRET).length).toBeGreaterThanOrEqual(1);
    expect(stdout.join('') + stderr.join('')).not.toContain(new URL(hook).pathname);
  });

  it('sends the weekly digests on the schedule\'s event, and the unaddressed audiences get nothing', async () => {
    const handler = await loadHandler(environment({ recipients: 'config', db: 'db-config' }));
    const mails = ses.sent.length;
    const reads = secrets.calls.length;

    const result = await handler({ mode: 'digest', scheduledAt: '2025-11-24T07:00:00Z' }, lambdaContext('digest'));

    expect(secrets.calls.length).toBe(reads);
    // Leadership by mail and Slack, Grace by mail; strategy and the other PMs have no target.
    expect(result).toEqual({ step: 'digest', mode: 'digest', snapshot: ids.current, fired: 0, sent: 3, failed: 0 });
    expect(mailsSince(mails).map((m) => [m.to[0], m.subject])).toEqual([
      ['cto@example.com', expect.stringContaining('leadership')],
      ['grace@example.com', expect.stringContaining('Grace Hopper')],
    ]);
    expect(mailsSince(mails)[0]!.text).toContain('Changes since 2025-11-16');
    // A recipients.pm id that is no PM of the snapshot is said, as --send says it.
    expect(stderr.join('')).toContain('digest.recipients.pm names \\"pm-gone\\", who is no PM in this snapshot');
    expect(metricLines().at(-1)).toMatchObject({ DeliveriesSent: 3, DeliveriesFailed: 0, step: 'digest', stage: 'test' });
  });

  it('refuses an event it does not understand, naming the key', async () => {
    const handler = await loadHandler(environment({ recipients: 'config', db: 'db-config' }));
    await expect(handler({ mode: 'weekly' }, lambdaContext('digest'))).rejects.toMatchObject({ name: 'InvalidEventError', message: expect.stringMatching(/^digest: invalid event: mode: /) });
    await expect(handler({ mode: 'alerts', snapshot: '../latest' }, lambdaContext('digest'))).rejects.toMatchObject({ name: 'InvalidEventError', message: expect.stringContaining('snapshot') });
  });
});

describe('the digest function, recipients from the Cognito groups', () => {
  it('mails each group its digest and each PM only their own, leaving out who the site would', async () => {
    const handler = await loadHandler(environment({ recipients: 'cognito', db: 'db-cognito' }));
    const mails = ses.sent.length;
    const listed = cognito.requests.length;

    const result = await handler({ mode: 'digest', scheduledAt: '2025-11-24T07:00:00Z' }, lambdaContext('digest'));

    const sent = mailsSince(mails);
    const to = (address: string) => sent.filter((m) => m.to.includes(address));
    expect(sent.map((m) => m.to)).toEqual([['cto@example.com'], ['cfo@example.com'], ['strategy@example.com'], ['ada@example.com'], ['grace@example.com'], ['linus@example.com']]);
    for (const address of ['cto@example.com', 'cfo@example.com']) expect(to(address)[0]!.subject).toContain('leadership');
    expect(to('strategy@example.com')[0]!.subject).toContain('strategy');
    // A PM's digest: their own name in the title, no other PM named.
    const pms = { 'ada@example.com': 'Ada Lovelace', 'grace@example.com': 'Grace Hopper', 'linus@example.com': 'Linus Pauling' };
    for (const [address, name] of Object.entries(pms)) {
      const mail = to(address);
      expect(mail).toHaveLength(1);
      expect(mail[0]!.subject).toContain(name);
      for (const other of [...Object.values(pms), 'Marie Curie'].filter((n) => n !== name)) expect(`${mail[0]!.text}${mail[0]!.html}`).not.toContain(other);
    }
    // Marie's address is refused by SES in the sandbox: counted and alarmed, not thrown.
    expect(result).toMatchObject({ mode: 'digest', sent: 7, failed: 1 });
    expect(metricLines().at(-1)).toMatchObject({ DeliveriesFailed: 1 });
    // Every group read to its end, page by page, with signed requests to that pool only.
    const calls = cognito.requests.slice(listed);
    expect(calls.every((c) => c.target === 'AWSCognitoIdentityProviderService.ListUsersInGroup' && c.signed && c.body.UserPoolId === POOL)).toBe(true);
    expect(calls.map((c) => [c.body.GroupName, c.body.NextToken ?? null])).toEqual([
      ['leadership', null], ['leadership', 'page-2'],
      ['strategy', null],
      ['pm', null], ['pm', 'page-2'], ['pm', 'page-4'],
    ]);
    // Who was left out, by username and why; no address in the log.
    const log = stdout.join('') + stderr.join('');
    expect(log).toMatch(/"message":"digest delivery failed".*"audience":"pm:pm-marie","channel":"email","status":"failed"/);
    for (const [username, reason] of [['left', 'disabled'], ['newcomer', 'e-mail address not verified'], ['nobody', 'no custom:pmpulse_person'], ['stranger', 'custom:pmpulse_person names no PM of the snapshot']]) {
      expect(log).toMatch(new RegExp(`"message":"digest recipient left out".*"username":"${username}".*"reason":"${reason}"|"reason":"${reason}".*"username":"${username}"`));
    }
    expect(log).not.toContain('new@example.com');
  });

  it('fails the cold start, naming the variable, when the pool is not set', async () => {
    const env = environment({ recipients: 'cognito', db: 'db-cognito' });
    delete env.PMPULSE_DIGEST_USER_POOL_ID;
    await expect(loadHandler(env)).rejects.toThrow(/PMPULSE_DIGEST_USER_POOL_ID/);
  });
});
