import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipelineLimits } from '../../infra/pipeline-state-machine.ts';
import type { PmpulseStack } from '../../infra/pmpulse-stack.ts';
import { actionsOf, pipelineConfig, policyStatements as statementsOf, synthesise } from './built-stack.ts';

let built: Awaited<ReturnType<typeof synthesise>>;
let stack: PmpulseStack;
let template: Template;
let logicalId: (construct: { node: { defaultChild?: unknown } }) => string;
const policyStatements = () => statementsOf(template);

beforeAll(async () => {
  // One synthesis per file: it bundles the functions with esbuild and runs cdk-nag.
  built = await synthesise();
  ({ stack, template, logicalId } = built);
});

afterAll(() => built.cleanup());

describe('PmpulseStack', () => {
  it('keeps the store in one on-demand, encrypted table with point-in-time recovery', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, DeletionProtectionEnabled: true })],
    });
    template.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Retain' });
  });

  it('keeps every bucket private, encrypted and TLS-only, the reports and the site versioned and logged', () => {
    const buckets = template.findResources('AWS::S3::Bucket');
    expect(Object.keys(buckets)).toHaveLength(4);
    // The reports and the site under the data key (test/infra/security-data-at-rest.test.ts); the log buckets SSE-S3.
    const dataBuckets = [logicalId(stack.reports.bucket), logicalId(stack.site.bucket)];
    for (const [id, bucket] of Object.entries(buckets)) {
      expect(bucket.Properties).toMatchObject({
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: dataBuckets.includes(id) ? 'aws:kms' : 'AES256' } }] },
      });
    }
    for (const [bucket, prefix] of [[stack.reports.bucket, 'reports/'], [stack.site.bucket, 'site/']] as const) {
      expect(template.toJSON().Resources[logicalId(bucket)].Properties).toMatchObject({
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: { DestinationBucketName: { Ref: logicalId(stack.reports.accessLogsBucket) }, LogFilePrefix: prefix },
      });
    }
    const sslOnly = Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    for (const bucket of [stack.reports.bucket, stack.reports.accessLogsBucket, stack.site.bucket, stack.site.logsBucket]) {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: logicalId(bucket) },
        PolicyDocument: { Statement: Match.arrayWith([sslOnly]) },
      });
    }
  });

  it('runs three Node 24 arm64 functions with the table, bucket and config in their environment', () => {
    // The three steps, the digest function (test/infra/digest-delivery.test.ts) and the sign-in function.
    template.resourceCountIs('AWS::Lambda::Function', 5);
    for (const step of ['sync', 'compute', 'publish'] as const) {
      const fn = template.toJSON().Resources[logicalId(stack.functions[step].function)];
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Environment: {
          Variables: {
            PMPULSE_CONFIG: JSON.stringify(pipelineConfig),
            PMPULSE_TABLE: { Ref: logicalId(stack.table.table) },
            PMPULSE_REPORTS_BUCKET: { Ref: logicalId(stack.reports.bucket) },
            PMPULSE_STAGE: 'test',
          },
        },
      });
    }
  });

  it('never lets two computes run at once, nor more syncs than the pipeline runs in parallel', () => {
    const reserved = (step: 'sync' | 'compute' | 'publish') =>
      template.toJSON().Resources[logicalId(stack.functions[step].function)].Properties.ReservedConcurrentExecutions;
    expect(reserved('sync')).toBe(pipelineLimits.syncConcurrency);
    expect(reserved('compute')).toBe(1);
    expect(reserved('publish')).toBeUndefined();
  });

  it('gives compute one full vCPU, the size docs/deploy.md projects its limits at', () => {
    // Lambda allots one vCPU at 1,769 MB; below it the engine's single thread runs slower and memory ends near 0.67M tasks.
    expect(template.toJSON().Resources[logicalId(stack.functions.compute.function)].Properties.MemorySize).toBeGreaterThanOrEqual(1769);
  });

  it('sends failed runs of every function to an encrypted, TLS-only queue', () => {
    const queueArn = { 'Fn::GetAtt': [logicalId(stack.failures.queue), 'Arn'] };
    template.resourceCountIs('AWS::Lambda::EventInvokeConfig', 4);
    template.allResourcesProperties('AWS::Lambda::EventInvokeConfig', {
      DestinationConfig: { OnFailure: { Destination: queueArn } },
      MaximumRetryAttempts: 2,
    });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('starts the pipeline on one daily schedule, with the firing time as its input', () => {
    // The other schedule starts the weekly digests (test/infra/digest-delivery.test.ts).
    template.resourceCountIs('AWS::Scheduler::Schedule', 2);
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 5 * * ? *)',
      ScheduleExpressionTimezone: 'Etc/UTC',
      Target: Match.objectLike({
        Arn: { Ref: logicalId(stack.pipeline.stateMachine) },
        Input: JSON.stringify({ scheduledAt: '<aws.scheduler.scheduled-time>' }),
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(stack.failures.queue), 'Arn'] } },
      }),
    });
  });

  it('grants data access on the table and bucket ARNs only, never on *', () => {
    const table = logicalId(stack.table.table);
    const bucket = logicalId(stack.reports.bucket);
    const pipelineRoles = Object.values(stack.functions).map((fn) => logicalId(fn.role));
    for (const { statements } of policyStatements().filter(({ roles }) => roles.some((role) => pipelineRoles.includes(role)))) {
      for (const statement of statements) {
        expect(statement.Resource).not.toBe('*');
        const resources = JSON.stringify(statement.Resource);
        if (actionsOf([statement]).some((a) => a.startsWith('dynamodb:'))) expect(resources).toBe(JSON.stringify({ 'Fn::GetAtt': [table, 'Arn'] }));
        if (actionsOf([statement]).some((a) => a.startsWith('s3:'))) expect(resources).toContain(`"${bucket}"`);
      }
    }
  });

  it('gives each step only the data access it needs', () => {
    const policyOf = (step: 'sync' | 'compute' | 'publish') =>
      policyStatements().find(({ roles }) => roles.includes(logicalId(stack.functions[step].role)))!;
    const sync = actionsOf(policyOf('sync').statements);
    const compute = actionsOf(policyOf('compute').statements);
    const publish = actionsOf(policyOf('publish').statements);
    expect(sync).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:BatchWriteItem', 'dynamodb:Query']));
    expect(sync.some((a) => a.startsWith('s3:'))).toBe(false);
    expect(compute).toEqual(expect.arrayContaining(['dynamodb:Query', 's3:PutObject']));
    expect(compute).not.toContain('dynamodb:PutItem');
    expect(publish.some((a) => a.startsWith('dynamodb:'))).toBe(false);
    expect(publish).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject']));
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('leaves no unacknowledged finding on the app', () => {
    const report = built.nag.validateScope(built.app);
    expect(report.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    expect(report.success).toBe(true);
    // cdk-nag 3 reports through the validation plugin, not annotations; nothing else may warn either.
    expect(Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  it('does report a finding the stack would have without its safeguards', () => {
    const app = new App();
    new s3.Bucket(new Stack(app, 'Unsafe'), 'Bucket');

    const report = new AwsSolutionsChecks(app).validateScope(app);

    expect(report.violations.map((v) => v.ruleName)).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
  });
});
