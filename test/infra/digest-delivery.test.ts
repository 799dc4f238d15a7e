import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/build-app.ts';
import { defaultDigestSchedule } from '../../infra/stack-props.ts';
import type { PmpulseStack } from '../../infra/pmpulse-stack.ts';
import { actionsOf, pipelineConfig, policyStatements, synthesise } from './built-stack.ts';
import { stateMachineDefinition, type AslMachine } from './state-machine-definition.ts';

/**
 * The digest function on AWS, synthesised twice: with the defaults (recipients from the config)
 * and with recipients from the site's Cognito groups, the sender's identity created by the stack
 * and the KPI time zone set. Each synthesis runs cdk-nag.
 */

const SENDER = 'digest@reports.acme.example';
const withSender = { ...pipelineConfig, digest: { email: { from: SENDER }, recipients: { leadership: ['cto@acme.example'] }, slack: { leadership: { webhookUrlEnv: 'SLACK_WEBHOOK_LEADERSHIP' } } } };

type Built = Awaited<ReturnType<typeof synthesise>>;
let fromConfig: Built;
let fromCognito: Built;

beforeAll(async () => {
  // One after the other: each bundles five functions with esbuild.
  fromConfig = await synthesise({ 'pmpulse:config': withSender });
  fromCognito = await synthesise({
    'pmpulse:config': { ...withSender, kpi: { timeZone: 'Europe/Berlin' } },
    'pmpulse:digestRecipients': 'cognito',
    'pmpulse:digestCreateSenderIdentity': 'true',
  });
});

afterAll(async () => {
  await fromConfig?.cleanup();
  await fromCognito?.cleanup();
});

const resources = (built: Built) => built.template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
const digestEnv = (built: Built) => (resources(built)[built.logicalId(built.stack.digests.function.function)]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
const statementsOf = (built: Built, role: string) => policyStatements(built.template).filter(({ roles }) => roles.includes(role)).flatMap(({ statements }) => statements);
/** Every statement of every role but this one that grants one of `actions`. */
const othersWith = (built: Built, role: string, match: (action: string) => boolean) =>
  policyStatements(built.template).filter(({ roles }) => !roles.includes(role)).flatMap(({ statements }) => statements).filter((s) => actionsOf([s]).some(match));

describe('the digest function', () => {
  it('runs on Node 24 arm64 with the pipeline environment and its own settings', () => {
    const { stack, logicalId } = fromConfig;
    const fn = resources(fromConfig)[logicalId(stack.digests.function.function)]!;
    expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler' });
    expect(digestEnv(fromConfig)).toEqual({
      NODE_OPTIONS: '--enable-source-maps',
      PMPULSE_CONFIG: JSON.stringify(withSender),
      PMPULSE_TABLE: { Ref: logicalId(stack.table.table) },
      PMPULSE_REPORTS_BUCKET: { Ref: logicalId(stack.reports.bucket) },
      PMPULSE_STAGE: 'test',
      PMPULSE_DIGEST_SLACK_SECRET_ARN: { Ref: logicalId(stack.digests.slackSecret) },
      PMPULSE_DIGEST_RECIPIENTS: 'config',
    });
    expect(digestEnv(fromCognito)).toMatchObject({ PMPULSE_DIGEST_RECIPIENTS: 'cognito', PMPULSE_DIGEST_USER_POOL_ID: { Ref: fromCognito.logicalId(fromCognito.stack.siteAuth.userPool) } });
    // A failed asynchronous (weekly) run lands in the failure queue like the steps' runs.
    fromConfig.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalId(stack.digests.function.function) },
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(stack.failures.queue), 'Arn'] } } },
    });
  });

  it('sends the digests on its own weekly schedule, Monday 07:00 in the KPI time zone unless set', () => {
    const schedule = (built: Built) => resources(built)[built.logicalId(built.stack.digests.schedule)]!.Properties;
    expect(defaultDigestSchedule).toBe('cron(0 7 ? * MON *)');
    expect(schedule(fromConfig)).toMatchObject({
      ScheduleExpression: 'cron(0 7 ? * MON *)',
      ScheduleExpressionTimezone: 'Etc/UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: { 'Fn::GetAtt': [fromConfig.logicalId(fromConfig.stack.digests.function.function), 'Arn'] },
        Input: JSON.stringify({ mode: 'digest', scheduledAt: '<aws.scheduler.scheduled-time>' }),
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [fromConfig.logicalId(fromConfig.stack.failures.queue), 'Arn'] } },
      },
    });
    expect(schedule(fromCognito).ScheduleExpressionTimezone).toBe('Europe/Berlin');
  });

  it('sends the alerts after publish and the site build, retried with backoff, a failure ending the run failed', () => {
    const machine: AslMachine = stateMachineDefinition(fromConfig.template).definition;
    const fnArn = `<${fromConfig.logicalId(fromConfig.stack.digests.function.function)}.Arn>`;
    expect(machine.States.BuildSite!.Next).toBe('SendAlerts');
    expect(machine.States.SendAlerts).toMatchObject({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: fnArn, Payload: { mode: 'alerts', 'snapshot.$': '$.publish.snapshot' } },
      ResultPath: '$.alerts',
      Next: 'EverySourceSynced?',
      Retry: [
        { ErrorEquals: ['InvalidEventError'], MaxAttempts: 0 },
        { ErrorEquals: ['States.ALL'], IntervalSeconds: 30, MaxAttempts: 3, BackoffRate: 2, MaxDelaySeconds: 300, JitterStrategy: 'FULL' },
      ],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'ReportFailure' }],
    });
    // The failure path the other steps take: the failure queue, then a failed run (its alarm).
    expect(machine.States.ReportFailure!.Next).toBe('RunFailed');
  });

  it('raises an alarm on a failed run and on a send that failed', () => {
    const { stack, logicalId, template } = fromConfig;
    const topic = [{ Ref: logicalId(stack.alarms.topic) }];
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(stack.digests.function.function) } }],
      AlarmActions: topic,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'pmpulse',
      MetricName: 'DeliveriesFailed',
      Dimensions: [{ Name: 'service', Value: 'pmpulse' }, { Name: 'stage', Value: 'test' }, { Name: 'step', Value: 'digest' }],
      Threshold: 1,
      AlarmActions: topic,
    });
  });
});

describe('what the digest function may do', () => {
  it('sends mail as the configured sender only: its address and domain identities, From pinned', () => {
    const { stack, logicalId } = fromConfig;
    const role = logicalId(stack.digests.function.role);
    const ses = statementsOf(fromConfig, role).filter((s) => actionsOf([s]).some((a) => a.startsWith('ses:')));
    expect(ses).toHaveLength(1);
    const identity = (name: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:identity/${name}`]] });
    expect(ses[0]).toEqual({
      Action: 'ses:SendEmail',
      Effect: 'Allow',
      Resource: [identity(SENDER), identity('reports.acme.example')],
      Condition: { StringEquals: { 'ses:FromAddress': SENDER } },
    });
    expect(othersWith(fromConfig, role, (a) => a.startsWith('ses:'))).toEqual([]);
    // Not created unless asked for: the operator verifies the sender (docs/deploy.md).
    expect(Object.values(resources(fromConfig)).filter((r) => r.Type === 'AWS::SES::EmailIdentity')).toEqual([]);
    expect(Object.values(resources(fromCognito)).filter((r) => r.Type === 'AWS::SES::EmailIdentity').map((r) => r.Properties.EmailIdentity)).toEqual(['reports.acme.example']);
  });

  it('alone reads the Slack webhook secret, which the stack creates holding no URL', () => {
    const { stack, logicalId } = fromConfig;
    const secret = logicalId(stack.digests.slackSecret);
    expect(resources(fromConfig)[secret]!.Properties).toMatchObject({ Name: 'pmpulse/test/digest-slack', SecretString: '{}' });
    const readers = policyStatements(fromConfig.template).flatMap(({ roles, statements }) =>
      statements.filter((s) => actionsOf([s]).includes('secretsmanager:GetSecretValue') && JSON.stringify(s.Resource).includes(`"${secret}"`)).map(() => roles),
    );
    expect(readers).toEqual([[logicalId(stack.digests.function.role)]]);
  });

  it('lists the site groups only when recipients come from Cognito, on that user pool only', () => {
    for (const built of [fromConfig, fromCognito]) {
      const role = built.logicalId(built.stack.digests.function.role);
      const listing = statementsOf(built, role).filter((s) => actionsOf([s]).some((a) => a.startsWith('cognito-idp:')));
      expect(othersWith(built, role, (a) => a === 'cognito-idp:ListUsersInGroup')).toEqual([]);
      if (built === fromConfig) {
        expect(listing).toEqual([]);
        continue;
      }
      expect(listing).toEqual([{ Action: 'cognito-idp:ListUsersInGroup', Effect: 'Allow', Resource: { 'Fn::GetAtt': [built.logicalId(built.stack.siteAuth.userPool), 'Arn'] } }]);
    }
  });

  it('reads the reports without writing them, and reads and writes the alert-state items only', () => {
    const { stack, logicalId, template } = fromConfig;
    const statements = statementsOf(fromConfig, logicalId(stack.digests.function.role));
    const actions = actionsOf(statements);
    expect(actions.filter((a) => a.startsWith('s3:')).sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
    const dynamo = statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo).toEqual([
      {
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [logicalId(stack.table.table), 'Arn'] },
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['ALERT'] } },
      },
    ]);
    // The data key lets it decrypt, never encrypt (test/infra/security-template.test.ts lists every principal).
    const key = resources(fromConfig)[logicalId(stack.dataKey.key)]!.Properties.KeyPolicy as { Statement: { Sid?: string; Action: unknown }[] };
    expect(key.Statement.find((s) => s.Sid === 'DigestReadsReports')!.Action).toBe('kms:Decrypt');
    expect(template.toJSON().Outputs.DigestSlackSecretArn.Value).toEqual({ Ref: logicalId(stack.digests.slackSecret) });
  });

  it('leaves no unacknowledged cdk-nag finding either way', () => {
    for (const built of [fromConfig, fromCognito]) {
      const report = built.nag.validateScope(built.app);
      expect(report.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    }
  });
});

describe('digest stack settings', () => {
  it('names each bad setting', () => {
    const context = { 'pmpulse:config': pipelineConfig, 'pmpulse:digestSchedule': 'every monday', 'pmpulse:digestTimeZone': 'Mars/Olympus', 'pmpulse:digestRecipients': 'ldap', 'pmpulse:digestCreateSenderIdentity': true };
    // The props are checked before anything is built or bundled.
    expect(() => buildApp({ context })).toThrow(
      /digests\.schedule: "every monday" is not a rate\(\), cron\(\) or at\(\) expression; digests\.timeZone: "Mars\/Olympus" is not an IANA time zone name; digests\.recipients: "ldap" is not one of config, cognito; digests\.createSenderIdentity: the config has no digest\.email\.from/,
    );
    expect(() => buildApp({ context: { 'pmpulse:config': pipelineConfig, 'pmpulse:digestRecipients': 'cognito' } })).toThrow(
      "digests.recipients: cognito needs the config's digest.email.from to send as",
    );
  });
});
