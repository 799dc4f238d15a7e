import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PmpulseStack } from '../../infra/pmpulse-stack.ts';
import { actionsOf, policyStatements, synthesise } from './built-stack.ts';

let built: Awaited<ReturnType<typeof synthesise>>;
let stack: PmpulseStack;
let template: Template;
let id: (construct: { node: { defaultChild?: unknown } }) => string;

beforeAll(async () => {
  built = await synthesise({ 'pmpulse:alarmEmail': 'ops@acme.com', 'pmpulse:staleAfterHours': 30 });
  ({ stack, template, logicalId: id } = built);
});

afterAll(() => built.cleanup());

describe('PmpulseStack connector secrets', () => {
  it('creates one secret per source token and tells sync where it is', () => {
    const secret = id(stack.connectorSecrets.secrets.ASANA_TOKEN as never);
    template.hasResourceProperties('AWS::SecretsManager::Secret', { Name: 'pmpulse/test/ASANA_TOKEN' });
    const env = template.toJSON().Resources[id(stack.functions.sync.function)].Properties.Environment.Variables;
    expect(JSON.stringify(env.PMPULSE_SECRET_ARNS)).toContain(`"Ref":"${secret}"`);
    for (const step of ['compute', 'publish'] as const) {
      expect(template.toJSON().Resources[id(stack.functions[step].function)].Properties.Environment.Variables.PMPULSE_SECRET_ARNS).toBeUndefined();
    }
  });

  it('lets only sync read exactly that secret', () => {
    const secret = id(stack.connectorSecrets.secrets.ASANA_TOKEN as never);
    const readers = policyStatements(template).flatMap(({ roles, statements }) =>
      statements.filter((s) => actionsOf([s]).includes('secretsmanager:GetSecretValue') && JSON.stringify(s.Resource).includes(secret)).map(() => roles),
    );
    expect(readers).toEqual([[id(stack.functions.sync.role)]]);
    const syncStatement = policyStatements(template)
      .find(({ roles }) => roles.includes(id(stack.functions.sync.role)))!
      .statements.find((s) => actionsOf([s]).includes('secretsmanager:GetSecretValue'))!;
    expect(syncStatement.Resource).toEqual({ Ref: secret });
  });
});

describe('PmpulseStack site', () => {
  it('serves the site bucket through CloudFront with Origin Access Control only', () => {
    const distribution = id(stack.site.distribution);
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 2);
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' }),
    });
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 'lambda', SigningBehavior: 'always' }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id(stack.site.bucket) },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Condition: { StringEquals: { 'AWS:SourceArn': Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([{ Ref: distribution }])]) }) } },
          }),
        ]),
      },
    });
    const config = template.toJSON().Resources[distribution].Properties.DistributionConfig;
    expect(config.Origins.every((origin: { OriginAccessControlId?: unknown }) => origin.OriginAccessControlId)).toBe(true);
    expect(config.Logging).toMatchObject({ Bucket: { 'Fn::GetAtt': [id(stack.site.logsBucket), 'RegionalDomainName'] } });
  });

  it('checks the session at the edge, with the key from a KeyValueStore; /_auth/* has its own function', () => {
    const fn = id(stack.site.viewerAuth);
    const association = (logicalId: string) => [{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [logicalId, 'FunctionARN'] } }];
    const config = template.toJSON().Resources[id(stack.site.distribution)].Properties.DistributionConfig;
    expect(config.DefaultCacheBehavior).toMatchObject({ FunctionAssociations: association(fn), ViewerProtocolPolicy: 'redirect-to-https' });
    expect(config.CacheBehaviors).toEqual([expect.objectContaining({ PathPattern: '/_auth/*', FunctionAssociations: association(id(stack.site.authRoutes)) })]);
    const code = template.toJSON().Resources[fn].Properties;
    expect(code.FunctionConfig).toMatchObject({ Runtime: 'cloudfront-js-2.0', KeyValueStoreAssociations: [{ KeyValueStoreARN: { 'Fn::GetAtt': [id(stack.site.keyValueStore), 'Arn'] } }] });
    expect(JSON.stringify(code.FunctionCode)).toContain('__Host-pmpulse_session');
    expect(JSON.stringify(code.FunctionCode)).not.toContain('__KVS_ID__');
  });

  it('adds security headers to every response', () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 31_536_000, Override: true }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentSecurityPolicy: Match.objectLike({ ContentSecurityPolicy: Match.stringLikeRegexp("frame-ancestors 'none'") }),
        }),
      }),
    });
    const config = template.toJSON().Resources[id(stack.site.distribution)].Properties.DistributionConfig;
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toBeDefined();
    expect(config.CacheBehaviors[0].ResponseHeadersPolicyId).toEqual(config.DefaultCacheBehavior.ResponseHeadersPolicyId);
  });

  it('signs users in through a Cognito pool nobody can join alone, with MFA', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      CallbackURLs: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [id(stack.site.distribution), 'DomainName'] }, '/_auth/callback']] }],
    });
    template.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'AWS_IAM' });
  });

  it('builds the site from the latest snapshot (started by the pipeline; the latest.json rule stays disabled)', () => {
    expect(template.toJSON().Resources[id(stack.reports.bucket)].Properties.NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
    template.hasResourceProperties('AWS::Events::Rule', {
      State: 'DISABLED',
      EventPattern: { source: ['aws.s3'], 'detail-type': ['Object Created'], detail: { bucket: { name: [{ Ref: id(stack.reports.bucket) }] }, object: { key: ['latest.json'] } } },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [id(stack.siteBuild.project), 'Arn'] }, DeadLetterConfig: { Arn: { 'Fn::GetAtt': [id(stack.failures.queue), 'Arn'] } } })],
    });
    const buildSpec = String(template.toJSON().Resources[id(stack.siteBuild.project)].Properties.Source.BuildSpec);
    expect(buildSpec).toContain('node bin/pmpulse.js site build --snapshot latest');
    expect(buildSpec).toContain('aws s3 sync site-dist');
    // A page must be revalidated (its variant depends on the reader's role); only hashed assets are cached.
    expect(buildSpec.replaceAll(String.raw`\"`, `"`)).toMatch(/aws s3 sync site-dist "s3:\/\/\$PMPULSE_SITE_BUCKET" --delete --exclude "_astro\/\*" --cache-control "private, no-cache"/);
    // The pinned Node and its checks: test/infra/security-site-build.test.ts.
    expect(buildSpec).not.toContain('runtime-versions');
  });
});

describe('PmpulseStack alarms', () => {
  const topic = () => ({ Ref: id(stack.alarms.topic) });

  it('alarms on stale data when no snapshot was published for the configured hours', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'pmpulse',
      MetricName: 'SnapshotPublished',
      Dimensions: Match.arrayWith([{ Name: 'stage', Value: 'test' }, { Name: 'step', Value: 'publish' }]),
      Period: 3600,
      EvaluationPeriods: 30,
      DatapointsToAlarm: 30,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
      AlarmActions: [topic()],
    });
  });

  it('alarms on every failed run and on a non-empty failure queue', () => {
    for (const step of ['sync', 'compute', 'publish'] as const) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'Errors',
        Namespace: 'AWS/Lambda',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: id(stack.functions[step].function) } }],
        AlarmActions: [topic()],
      });
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [id(stack.failures.queue), 'QueueName'] } }],
      AlarmActions: [topic()],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'FailedBuilds', AlarmActions: [topic()] });
  });

  it('sends alarms to a KMS-encrypted, TLS-only topic CloudWatch may publish to', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [id(stack.key), 'Arn'] } });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@acme.com' });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' } })]) },
    });
  });
});

describe('PmpulseStack IAM', () => {
  /** Actions AWS defines on no resource: the state machine's log delivery and its X-Ray traces. */
  const resourceless = new Set([
    'logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery', 'logs:ListLogDeliveries',
    'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups',
    'xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets',
  ]);

  it('never grants an action on every resource, except those that take no resource, to the state machine only', () => {
    const stateMachineRole = id(stack.pipeline.stateMachine.role as never);
    for (const { roles, statements } of policyStatements(template)) {
      for (const statement of statements.filter((s) => s.Resource === '*')) {
        expect(roles).toEqual([stateMachineRole]);
        expect(actionsOf([statement]).filter((action) => !resourceless.has(action))).toEqual([]);
      }
    }
  });
});
