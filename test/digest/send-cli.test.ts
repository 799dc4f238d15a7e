import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotKey } from '../../functions/contract/layout.ts';
import { SLACK_LIMITS } from '../../functions/digest/index.ts';
import { createDirReportStore } from '../../functions/publish/dir-report-store.ts';
import { startSesServer, type RunningSesServer } from '../../demo/servers/ses-server.ts';
import { blockProblem, startSlackWebhookServer, type RunningSlackWebhookServer } from '../../demo/servers/slack-webhook-server.ts';
import { problemsOf } from '../config/config-problems.ts';
import { runCli } from '../cli/run-cli.ts';
import { fixtureDocs, withAsOf } from './pair.ts';

/**
 * `--send` end to end: the real CLI in a child process delivers to the local SES v2 stand-in
 * (through the AWS SDK) and the local Slack webhook stand-in, whose URLs it reads from the
 * environment. The SES account is in the sandbox and grace@unverified.example is not verified,
 * so Grace's mail is refused while everyone after her still gets theirs.
 */
const ids = { nov16: '20251116T060000Z-00000016', nov23: '20251123T060000Z-00000023' };
const FROM = 'digest@pulse.example.com';
let dir: string;
let ses: RunningSesServer;
let slack: RunningSlackWebhookServer;
let hooks: { leadership: string; strategy: string };
let env: Record<string, string>;

function configWith(digest: Record<string, unknown>, rest: Record<string, unknown> = {}) {
  return JSON.stringify({ reports: { type: 'dir', dir: join(dir, 'reports') }, ...rest, digest: { siteUrl: 'https://pulse.example.com/', ...digest } });
}

const delivery = {
  email: { from: FROM },
  recipients: { leadership: ['cto@example.com', 'ceo@example.com'], strategy: ['strategy@example.com'], pm: { 'pm-ada': ['ada@example.com'], 'pm-grace': ['grace@unverified.example'], 'pm-linus': ['linus@example.com'], 'pm-typo': ['typo@example.com'] } },
  slack: { leadership: { webhookUrlEnv: 'PMPULSE_TEST_SLACK_LEADERSHIP' }, strategy: { webhookUrlEnv: 'PMPULSE_TEST_SLACK_STRATEGY' } },
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pmpulse-send-'));
  const store = createDirReportStore(join(dir, 'reports'));
  for (const [key, id] of Object.entries(ids)) {
    const docs = withAsOf(await fixtureDocs(), `2025-11-${key.slice(3)}`);
    if (id === ids.nov16) docs['projects.json'].projects.find((p: any) => p.id === 'jira:PAY').health = 'on_track';
    for (const [name, doc] of Object.entries(docs)) await store.putJson(snapshotKey(id, name), doc);
  }
  await store.putJson('latest.json', { schemaVersion: 1, snapshot: ids.nov23, generatedAt: '2025-11-23T06:00:00Z', asOf: '2025-11-23', documents: Object.keys(await fixtureDocs()) });
  ses = await startSesServer({ verified: [FROM, '@example.com'], sandbox: true });
  slack = await startSlackWebhookServer();
  hooks = { leadership: slack.hook('leadership', { rateLimitFirst: 1, retryAfterSeconds: 1 }), strategy: slack.hook('strategy') };
  env = { PMPULSE_TEST_SLACK_LEADERSHIP: hooks.leadership, PMPULSE_TEST_SLACK_STRATEGY: hooks.strategy, AWS_ENDPOINT_URL_SESV2: ses.url };
});
afterAll(async () => {
  await Promise.all([ses.close(), slack.close()]);
  await rm(dir, { recursive: true, force: true });
});

const secretsOf = (urls: string[]) => urls.flatMap((url) => [url, new URL(url).pathname, url.split('/').at(-1)!]);

describe('pmpulse digest --send', () => {
  it('mails and posts every audience, retries a 429, goes on past a refused mail, and exits 1', async () => {
    await writeFile(join(dir, 'config.json'), configWith(delivery));
    const out = join(dir, 'out');
    const result = await runCli(['digest', '--config', join(dir, 'config.json'), '--out', out, '--send'], { env });

    expect(result.code).toBe(1);
    expect(result.stderr).toBe('warning: digest.recipients.pm names "pm-typo", who is no PM in this snapshot; nothing is sent to them\npmpulse: 1 digest delivery failed (see above)\n');
    const lines = result.stdout.split('\n');
    expect(lines).toContain('leadership: e-mail to cto@example.com sent');
    expect(lines).toContain('leadership: Slack #leadership (PMPULSE_TEST_SLACK_LEADERSHIP) sent');
    expect(lines).toContain('strategy: Slack #strategy (PMPULSE_TEST_SLACK_STRATEGY) sent');
    expect(lines).toContain('pm:pm-grace: e-mail to grace@unverified.example failed: SES refused the mail (MessageRejected): Email address is not verified. The following identities failed the check in region US-EAST-1: grace@unverified.example');
    expect(lines).toContain('pm:pm-linus: e-mail to linus@example.com sent');
    expect(lines).toContain('pm:pm-marie: no recipients or Slack channel configured; nothing sent');
    expect(lines).toContain('digest: 7 sent, 1 failed');
    for (const secret of secretsOf(Object.values(hooks))) expect(result.stdout + result.stderr).not.toContain(secret);

    // The mail's parts are the digest as rendered to files, byte for byte.
    expect(ses.sent.map((m) => m.to[0])).toEqual(['cto@example.com', 'ceo@example.com', 'strategy@example.com', 'ada@example.com', 'linus@example.com']);
    const leadershipMail = ses.sent[0]!;
    expect(leadershipMail.from).toBe(FROM);
    expect(leadershipMail.subject).toBe('pmpulse weekly digest for leadership, 2025-11-23');
    expect(leadershipMail.html).toBe(await readFile(join(out, 'leadership.html'), 'utf8'));
    expect(leadershipMail.text).toBe(await readFile(join(out, 'leadership.txt'), 'utf8'));
    expect(ses.sent[4]!.html).toBe(await readFile(join(out, 'pm-pm-linus.html'), 'utf8'));
    expect(leadershipMail.text).toContain('Payments v3');

    // Slack: the first post was refused with 429 and posted again; the message is the rendered one, within the limits.
    const posts = slack.received.filter((r) => r.hook === 'leadership');
    expect(posts.map((p) => p.status)).toEqual([429, 200]);
    expect(posts[1]!.body).toEqual(JSON.parse(await readFile(join(out, 'leadership.slack.json'), 'utf8')));
    for (const post of slack.received.filter((r) => r.status === 200)) {
      const blocks = (post.body as { blocks: unknown[] }).blocks;
      expect(blockProblem(blocks)).toBeUndefined();
      expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    }
  }, 120_000);

  it('exits 2 naming the key when a webhook variable is unset or the config holds a URL, and never echoes it', async () => {
    const config = join(dir, 'config.json');
    await writeFile(config, configWith(delivery));
    const unset = await runCli(['digest', '--config', config, '--send'], { env: { ...env, PMPULSE_TEST_SLACK_STRATEGY: '' } });
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain('digest.slack.strategy.webhookUrlEnv: environment variable PMPULSE_TEST_SLACK_STRATEGY is not set');

    const garbled = await runCli(['digest', '--config', config, '--send'], { env: { ...env, PMPULSE_TEST_SLACK_STRATEGY: 'hooks.slack.com/services/T0/B0/garbledsecret' } });
    expect(garbled.code).toBe(2);
    expect(garbled.stderr).toContain('digest.slack.strategy.webhookUrlEnv: environment variable PMPULSE_TEST_SLACK_STRATEGY does not hold an http(s) URL');
    expect(garbled.stderr).not.toContain('garbledsecret');

    const inline = join(dir, 'inline.json');
    await writeFile(inline, configWith({ ...delivery, slack: { leadership: { webhookUrlEnv: 'https://hooks.slack.com/services/T0/B0/inlinesecret' } } }));
    const refused = await runCli(['digest', '--config', inline, '--send'], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('digest.slack.leadership.webhookUrlEnv: the name of the environment variable');
    expect(refused.stderr).not.toContain('inlinesecret');
    expect(ses.sent.length).toBe(5);
  }, 120_000);
});

describe('the digest delivery config', () => {
  it('names the bad key', () => {
    const problems = (digest: unknown) => problemsOf({ digest }).join('\n');
    expect(problems({ recipients: { leadership: ['cto@example.com'] } })).toContain('digest.email.from: required when digest.recipients names anyone');
    expect(problems({ email: { from: 'not an address' } })).toContain('digest.email.from');
    expect(problems({ email: { from: FROM }, recipients: { leadership: ['cto@example.com', 'nope'] } })).toContain('digest.recipients.leadership[1]');
    expect(problems({ email: { from: FROM }, recipients: { pm: { 'pm-ada': 'ada@example.com' } } })).toContain('digest.recipients.pm["pm-ada"]');
    expect(problems({ email: { from: FROM }, recipients: { board: [] } })).toContain('digest.recipients');
    expect(problems({ slack: { leadership: 'https://hooks.slack.com/services/T/B/x' } })).toContain('digest.slack.leadership: an object {"webhookUrlEnv": "<environment variable>"}');
    expect(problems({ slack: { pm: { webhookUrlEnv: 'X' } } })).toContain('digest.slack');
    expect(problemsOf({ digest: { email: { from: FROM }, recipients: { strategy: ['s@example.com'], pmFromPeople: true }, slack: { strategy: { webhookUrlEnv: 'SLACK_STRATEGY' } } } })).toEqual([]);
  });
});

describe('pmpulse alerts --send', () => {
  it('sends what fired to leadership and a PM their own, once across two runs', async () => {
    const config = join(dir, 'alerts.json');
    await writeFile(
      config,
      configWith(
        { email: { from: FROM }, recipients: { leadership: ['cto@example.com'], pm: { 'pm-grace': ['grace@example.com'] } }, slack: { leadership: { webhookUrlEnv: 'PMPULSE_TEST_SLACK_ALERTS' } } },
        { store: { type: 'embedded', dir: join(dir, 'db'), table: 'pmpulse' }, alerts: [{ kind: 'projectOffTrack' }] },
      ),
    );
    const hook = slack.hook('alerts');
    const alertEnv = { ...env, PMPULSE_TEST_SLACK_ALERTS: hook };
    const before = ses.sent.length;
    const first = await runCli(['alerts', '--config', config, '--send'], { env: alertEnv });
    expect([first.code, first.stderr]).toEqual([0, '']);
    // By hand from the fixture: asana:1201 (Grace's) and asana:1202 are off track.
    expect(first.stdout).toContain(`fired 2 alert(s) of 1 rule(s) on snapshot ${ids.nov23}`);
    expect(first.stdout).toContain('alert: 3 sent, 0 failed');
    const mails = ses.sent.slice(before);
    expect(mails.map((m) => [m.to[0], m.subject])).toEqual([
      ['cto@example.com', 'pmpulse alerts, 2025-11-23'],
      ['grace@example.com', 'pmpulse alerts for Grace Hopper, 2025-11-23'],
    ]);
    expect(mails[1]!.text).toContain('Checkout experiments');
    expect(mails[1]!.text).not.toContain('Launch');
    expect(slack.received.filter((r) => r.hook === 'alerts').map((r) => r.status)).toEqual([200]);
    for (const secret of secretsOf([hook])) expect(first.stdout).not.toContain(secret);

    const second = await runCli(['alerts', '--config', config, '--send'], { env: alertEnv });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('fired 0 alert(s) of 1 rule(s)');
    expect(second.stdout).toContain('alert: 0 sent, 0 failed');
    expect(ses.sent.length).toBe(before + 2);
    expect(slack.received.filter((r) => r.hook === 'alerts').length).toBe(1);
  }, 180_000);
});
