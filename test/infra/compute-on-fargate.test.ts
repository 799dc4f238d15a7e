import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULED_AT_ENV } from '../../functions/handlers/compute-task-env.ts';
import { computeTaskEvent } from '../../functions/handlers/compute-task-run.ts';
import { buildApp } from '../../infra/build-app.ts';
import { computeTaskSize } from '../../infra/compute-task.ts';
import { keyUse } from '../../infra/data-key.ts';
import { PmpulseStack } from '../../infra/pmpulse-stack.ts';
import { actionsOf, pipelineConfig, policyStatements, synthesise } from './built-stack.ts';
import { fillTemplate, stateMachineDefinition, type AslMachine } from './state-machine-definition.ts';

/**
 * `computeRunsOn: 'fargate'`: compute as an ECS task started by the same state machine
 * (`ecs:runTask.sync`), for a store past what one 15-minute Lambda computes (docs/deploy.md,
 * Measured limits). One synthesis with the default and one with Fargate, both with cdk-nag, and
 * a `docker` on the PATH that only records being called: synthesis must never need it.
 */

type Built = Awaited<ReturnType<typeof synthesise>>;
type Resource = { Type: string; Properties: Record<string, unknown> };
let onLambda: Built;
let onFargate: Built;
let lambdaMachine: AslMachine;
let fargateMachine: AslMachine;
let stubDir: string;
const savedPath = process.env.PATH;
const dockerCalls = () => join(stubDir, 'calls');
const resources = (template: Template) => template.toJSON().Resources as Record<string, Resource>;
const ofType = (template: Template, type: string) => Object.entries(resources(template)).filter(([, r]) => r.Type === type);

beforeAll(async () => {
  stubDir = await mkdtemp(join(tmpdir(), 'pmpulse-no-docker-'));
  await writeFile(join(stubDir, 'docker'), `#!/bin/sh\necho "$@" >> "${dockerCalls()}"\nexit 1\n`);
  await chmod(join(stubDir, 'docker'), 0o755);
  process.env.PATH = `${stubDir}:${savedPath}`;
  onLambda = await synthesise();
  onFargate = await synthesise({ 'pmpulse:computeRunsOn': 'fargate' });
  lambdaMachine = stateMachineDefinition(onLambda.template).definition;
  fargateMachine = stateMachineDefinition(onFargate.template).definition;
});

afterAll(async () => {
  process.env.PATH = savedPath;
  await Promise.all([onLambda.cleanup(), onFargate.cleanup(), rm(stubDir, { recursive: true, force: true })]);
});

describe('compute by default', () => {
  it('stays a Lambda invoke, and the stack has no ECS, VPC or container image', () => {
    const { stack, template, logicalId } = onLambda;
    expect(lambdaMachine.States.Compute).toMatchObject({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: `<${logicalId(stack.functions.compute.function)}.Arn>` } });
    expect(stack.computeTask).toBeUndefined();
    expect(Object.values(resources(template)).filter((r) => /^AWS::(ECS|EC2)::/.test(r.Type))).toEqual([]);
  });
});

describe('compute on Fargate', () => {
  it('is an ecs:runTask.sync of the task definition on the cluster, with the retries and catch of the Lambda step', () => {
    const { stack, logicalId } = onFargate;
    const task = stack.computeTask!;
    const compute = fargateMachine.States.Compute!;
    const family = resources(onFargate.template)[logicalId(task.taskDefinition)]!.Properties.Family;
    expect(compute).toMatchObject({
      Type: 'Task',
      Resource: 'arn:aws:states:::ecs:runTask.sync',
      Parameters: {
        Cluster: `<${logicalId(task.cluster)}.Arn>`,
        TaskDefinition: family,
        LaunchType: 'FARGATE',
        NetworkConfiguration: {
          AwsvpcConfiguration: {
            AssignPublicIp: 'ENABLED',
            Subnets: task.network.vpc.publicSubnets.map((subnet) => `<${logicalId(subnet as never)}>`),
            SecurityGroups: [`<${logicalId(task.network.securityGroup)}.GroupId>`],
          },
        },
      },
      ResultPath: '$.compute',
      Next: 'Publish',
    });
    const onLambdaCompute = lambdaMachine.States.Compute!;
    // The Lambda's first retrier (never retry a bad event) has no meaning for a task; the backoff is the same.
    expect(compute.Retry).toEqual([onLambdaCompute.Retry!.at(-1)]);
    expect(compute.Retry![0]).toMatchObject({ ErrorEquals: ['States.ALL'], IntervalSeconds: 60, MaxAttempts: 2, BackoffRate: 2, JitterStrategy: 'FULL' });
    expect(compute.Catch).toEqual(onLambdaCompute.Catch);
    expect(compute.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'ReportFailure' }]);
    expect(compute.TimeoutSeconds).toBe(3 * 3600);
  });

  it('leaves every other state as it is with the Lambda', () => {
    const others = (machine: AslMachine) => ({ ...machine, States: Object.fromEntries(Object.entries(machine.States).filter(([name]) => name !== 'Compute')) });
    expect(others(fargateMachine)).toEqual(others(lambdaMachine));
  });

  it('gives the task the run\'s scheduledAt, the event the Lambda gets, and nothing later reads the step\'s result', () => {
    const input = { run: { scheduledAt: '2026-03-02T05:00:00.000Z', sources: ['asana-main'] } };
    const overrides = (fargateMachine.States.Compute!.Parameters!.Overrides as { ContainerOverrides: { Name: string; Environment: Record<string, unknown>[] }[] }).ContainerOverrides;
    expect(overrides.map((override) => override.Name)).toEqual([onFargate.stack.computeTask!.container.containerName]);
    const environment = Object.fromEntries(overrides[0]!.Environment.map((variable) => fillTemplate(variable, input)).map(({ Name, Value }) => [Name, Value]));
    expect(environment).toEqual({ [SCHEDULED_AT_ENV]: input.run.scheduledAt });

    const lambdaEvent = fillTemplate(lambdaMachine.States.Compute!.Parameters!, input).Payload;
    expect(computeTaskEvent(environment as NodeJS.ProcessEnv)).toEqual(lambdaEvent);
    // The Lambda's result held asOf; the task's holds its ARN. No state reads either.
    for (const [name, state] of Object.entries(fargateMachine.States)) {
      if (name !== 'Compute') expect(JSON.stringify(state), name).not.toContain('$.compute');
    }
    expect(fargateMachine.States.Compute!.ResultSelector).toEqual({ 'taskArn.$': '$.TaskArn' });
  });

  it('gives the container the compute Lambda\'s environment, with V8\'s heap limit added to NODE_OPTIONS and the region Lambda sets itself', () => {
    const { stack, template, logicalId } = onFargate;
    const lambdaEnv = (resources(template)[logicalId(stack.functions.compute.function)]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    const [container] = (resources(template)[logicalId(stack.computeTask!.taskDefinition)]!.Properties.ContainerDefinitions as { Environment: { Name: string; Value: unknown }[] }[]);
    const containerEnv = Object.fromEntries(container!.Environment.map(({ Name, Value }) => [Name, Value]));
    expect(Object.keys(lambdaEnv).sort()).toEqual(['NODE_OPTIONS', 'PMPULSE_CONFIG', 'PMPULSE_RATES_SECRET_ARN', 'PMPULSE_REPORTS_BUCKET', 'PMPULSE_STAGE', 'PMPULSE_TABLE']);
    expect(containerEnv).toEqual({ ...lambdaEnv, NODE_OPTIONS: `${String(lambdaEnv.NODE_OPTIONS)} --max-old-space-size=${computeTaskSize.heapMiB}`, AWS_REGION: { Ref: 'AWS::Region' } });
    expect(JSON.stringify(container)).not.toContain('"Secrets"');
  });

  it('grants the task role exactly what the compute function gets, and nothing of sync\'s', () => {
    const { stack, template, logicalId } = onFargate;
    const task = stack.computeTask!;
    const statementsOf = (role: string) => policyStatements(template).filter(({ roles }) => roles.includes(role)).flatMap(({ statements }) => statements);
    const computeRole = statementsOf(logicalId(stack.functions.compute.role));
    // What only a Lambda needs: writing its own log group (ECS writes the task's, with the execution
    // role) and its on-failure destination (a failed task is reported by the state machine's catch).
    const lambdaOnly = (s: (typeof computeRole)[number]) => actionsOf([s]).some((action) => action.startsWith('logs:') || action.startsWith('sqs:'));
    expect(computeRole.filter(lambdaOnly).map((s) => actionsOf([s])[0]).sort()).toEqual(['logs:CreateLogStream', 'sqs:SendMessage']);
    expect(statementsOf(logicalId(task.taskRole))).toEqual(computeRole.filter((s) => !lambdaOnly(s)));
    const taskActions = actionsOf(statementsOf(logicalId(task.taskRole)));
    expect(taskActions.filter((a) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(a))).toEqual([]);
    expect(JSON.stringify(statementsOf(logicalId(task.taskRole)))).not.toContain(logicalId(stack.connectorSecrets.secrets.ASANA_TOKEN as never));
    // The data key admits it by name, as it admits the function.
    const key = resources(template)[logicalId(stack.dataKey.key)]!.Properties.KeyPolicy as { Statement: { Sid?: string; Principal: unknown; Action: unknown }[] };
    expect(key.Statement.find((s) => s.Sid === 'ComputeTaskWritesStaging')).toMatchObject({ Principal: { AWS: { 'Fn::GetAtt': [logicalId(task.taskRole), 'Arn'] } }, Action: [...keyUse] });
    // The execution role pulls the image and writes the task's logs, and reaches no data.
    const execution = statementsOf(logicalId(task.executionRole));
    expect(actionsOf(execution).sort()).toEqual(['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetAuthorizationToken', 'ecr:GetDownloadUrlForLayer', 'logs:CreateLogStream', 'logs:PutLogEvents']);
    expect(execution.find((s) => actionsOf([s]).includes('logs:PutLogEvents'))!.Resource).toEqual({ 'Fn::GetAtt': [logicalId(task.logGroup), 'Arn'] });
    // The state machine may start this task definition's revision and pass only its two roles.
    const machineRole = statementsOf(logicalId(stack.pipeline.stateMachine.role as never));
    expect(machineRole.find((s) => actionsOf([s]).includes('ecs:RunTask'))!.Resource).toEqual({ Ref: logicalId(task.taskDefinition) });
    expect(machineRole.find((s) => actionsOf([s]).includes('iam:PassRole'))!.Resource).toEqual([{ 'Fn::GetAtt': [logicalId(task.taskRole), 'Arn'] }, { 'Fn::GetAtt': [logicalId(task.executionRole), 'Arn'] }]);
    expect(JSON.stringify(machineRole)).not.toContain(`${logicalId(stack.functions.compute.function)}.Arn`);
  });

  it('runs on arm64 Linux at 2 vCPU and 16 GiB, logging to a log group of its own kept as long as the functions\'', () => {
    const { stack, template, logicalId } = onFargate;
    const task = stack.computeTask!;
    expect(resources(template)[logicalId(task.taskDefinition)]!.Properties).toMatchObject({
      Cpu: '2048',
      Memory: '16384',
      RequiresCompatibilities: ['FARGATE'],
      NetworkMode: 'awsvpc',
      RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
      ContainerDefinitions: [expect.objectContaining({ Essential: true, ReadonlyRootFilesystem: true, LogConfiguration: { LogDriver: 'awslogs', Options: expect.objectContaining({ 'awslogs-group': { Ref: logicalId(task.logGroup) } }) } })],
    });
    expect(computeTaskSize.heapMiB).toBeLessThan(computeTaskSize.memoryLimitMiB - 1024);
    const retention = (group: { node: { defaultChild?: unknown } }) => resources(template)[logicalId(group)]!.Properties.RetentionInDays;
    expect(retention(task.logGroup)).toBe(30);
    expect(retention(task.logGroup)).toBe(retention(stack.functions.compute.logGroup));
    expect(template.toJSON().Outputs.ComputeTaskLogGroupName.Value).toEqual({ Ref: logicalId(task.logGroup) });
    expect(resources(template)[logicalId(task.cluster)]!.Properties.ClusterSettings).toEqual([{ Name: 'containerInsights', Value: 'enabled' }]);
  });

  it('runs in public subnets without a NAT gateway, admitting nothing and letting out HTTPS only, every flow logged', () => {
    const { stack, template, logicalId } = onFargate;
    const network = stack.computeTask!.network;
    expect(ofType(template, 'AWS::EC2::NatGateway')).toEqual([]);
    expect(network.vpc.privateSubnets).toEqual([]);
    expect(network.vpc.isolatedSubnets).toEqual([]);
    expect(ofType(template, 'AWS::EC2::SecurityGroupIngress')).toEqual([]);
    const group = resources(template)[logicalId(network.securityGroup)]!.Properties;
    expect(group.SecurityGroupIngress).toBeUndefined();
    expect(group.SecurityGroupEgress).toEqual([expect.objectContaining({ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 })]);
    const endpoints = ofType(template, 'AWS::EC2::VPCEndpoint').map(([, r]) => r.Properties);
    expect(endpoints.map((e) => [e.VpcEndpointType, JSON.stringify(e.ServiceName).match(/\.(s3|dynamodb)"/)?.[1]]).sort()).toEqual([['Gateway', 'dynamodb'], ['Gateway', 's3']]);
    expect(ofType(template, 'AWS::EC2::FlowLog').map(([, r]) => r.Properties)).toEqual([
      expect.objectContaining({ ResourceType: 'VPC', ResourceId: { Ref: logicalId(network.vpc) }, TrafficType: 'ALL', LogGroupName: { Ref: logicalId(network.flowLogGroup) } }),
    ]);
  });

  it('alarms on a failed attempt of the task, as the function\'s Errors alarm does on the function\'s', () => {
    const { template } = onFargate;
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: 'pmpulse test: a compute task run failed',
      Namespace: 'pmpulse',
      MetricName: 'RunFailed',
      Dimensions: Match.arrayWith([{ Name: 'stage', Value: 'test' }, { Name: 'step', Value: 'compute' }]),
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(ofType(onLambda.template, 'AWS::CloudWatch::Alarm').filter(([, alarm]) => alarm.Properties.MetricName === 'RunFailed')).toEqual([]);
  });

  it('leaves no unacknowledged cdk-nag finding, acknowledging by exact id only what does not apply', () => {
    const report = onFargate.nag.validateScope(onFargate.app);
    expect(report.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    expect(Annotations.fromStack(onFargate.stack).findWarning('*', Match.anyValue())).toEqual([]);
    const acknowledged = (construct: IConstruct) =>
      construct.node.metadata.filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).flatMap((entry) => Object.keys(entry.data as object).map((id) => id.replace(/^annotation::/i, '')));
    const { stack } = onFargate;
    const task = stack.computeTask!;
    // cdk-nag's only: CDK acknowledges some CloudFormation-Validate rules on its own constructs (the flow log).
    const nagIds = (c: IConstruct) => acknowledged(c).filter((id) => id.startsWith('AwsSolutions-'));
    const byPath = Object.fromEntries(task.node.findAll().flatMap((c) => (nagIds(c).length ? [[c.node.path, nagIds(c)]] : [])));
    expect(byPath).toEqual({
      [task.taskDefinition.node.path]: ['AwsSolutions-ECS2'],
      [task.executionRole.node.path]: ['AwsSolutions-IAM5[Resource::*]'],
      // The staging prefix, acknowledged for the task role as it is for the function's.
      [task.taskRole.node.path]: acknowledged(stack.functions.compute.role),
    });
    expect(acknowledged(task.taskRole)).toEqual([expect.stringMatching(/^AwsSolutions-IAM5\[Resource::<Reports.*\.Arn>\/staging\/\*\]$/)]);
  });

  it('synthesises without a Docker engine: the image is a folder with the bundle and the Dockerfile, built at deploy for arm64', async () => {
    expect(existsSync(dockerCalls()), 'docker was called during synthesis').toBe(false);
    const outdir = onFargate.app.outdir;
    const manifest = JSON.parse(await readFile(join(outdir, `${onFargate.stack.artifactId}.assets.json`), 'utf8')) as { dockerImages: Record<string, { source: { directory: string; platform: string } }> };
    const images = Object.values(manifest.dockerImages);
    expect(images.map((image) => image.source.platform)).toEqual(['linux/arm64']);
    const folder = join(outdir, images[0]!.source.directory);
    expect((await readdir(folder)).sort()).toEqual(['Dockerfile', 'index.mjs', 'index.mjs.map']);
    const dockerfile = await readFile(join(folder, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM public\.ecr\.aws\/docker\/library\/node:24-slim$/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "\/app\/index\.mjs"\]$/m);
    // The AWS SDK is in the bundle: the image, unlike the Lambda runtime, does not provide it.
    expect(await readFile(join(folder, 'index.mjs'), 'utf8')).not.toMatch(/from\s*"@aws-sdk\//);
    const lambdaManifest = JSON.parse(await readFile(join(onLambda.app.outdir, `${onLambda.stack.artifactId}.assets.json`), 'utf8')) as { dockerImages?: Record<string, unknown> };
    expect(Object.keys(lambdaManifest.dockerImages ?? {})).toEqual([]);
  });
});

describe('the computeRunsOn prop', () => {
  it('names the key and the allowed values when the value is neither', () => {
    expect(() => buildApp({ context: { 'pmpulse:config': pipelineConfig, 'pmpulse:computeRunsOn': 'ec2' } })).toThrow('computeRunsOn: "ec2" is not one of lambda, fargate');
    expect(() => new PmpulseStack(new App(), 'Bad', { computeRunsOn: 'Fargate' as never, staleAfterHours: 0 })).toThrow(/staleAfterHours: 0 .*; computeRunsOn: "Fargate" is not one of lambda, fargate/);
  });
});
