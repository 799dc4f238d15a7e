import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipelineLimits } from '../../infra/pipeline-state-machine.ts';
import type { PmpulseStack } from '../../infra/pmpulse-stack.ts';
import { actionsOf, pipelineConfig, policyStatements, synthesise } from './built-stack.ts';
import { chainFrom, stateMachineDefinition, type AslMachine, type AslState } from './state-machine-definition.ts';

let built: Awaited<ReturnType<typeof synthesise>>;
let stack: PmpulseStack;
let template: Template;
let id: (construct: { node: { defaultChild?: unknown } }) => string;
let machine: AslMachine;
let properties: Record<string, unknown>;
let loop: AslMachine;
const state = (name: string): AslState => machine.States[name] ?? loop.States[name] ?? expect.unreachable(`no state ${name}`);

beforeAll(async () => {
  built = await synthesise();
  ({ stack, template, logicalId: id } = built);
  ({ definition: machine, properties } = stateMachineDefinition(template));
  loop = machine.States.SyncSources!.ItemProcessor!;
});

afterAll(() => built.cleanup());

describe('the pipeline state machine', () => {
  it('runs sync, compute, publish and the site build one after the other', () => {
    expect(chainFrom(machine, machine.StartAt)).toEqual(['Defaults', 'ReadInput', 'ListRunningRuns', 'OldestRun?']);
    expect(chainFrom(machine, 'SyncSources')).toEqual(['SyncSources', 'Compute', 'Publish', 'BuildSite', 'SendAlerts', 'EverySourceSynced?']);
    const invokes = (name: string) => [state(name).Resource, (state(name).Parameters as { FunctionName: string }).FunctionName];
    expect(invokes('SyncSource')).toEqual(['arn:aws:states:::lambda:invoke', `<${id(stack.functions.sync.function)}.Arn>`]);
    expect(invokes('Compute')).toEqual(['arn:aws:states:::lambda:invoke', `<${id(stack.functions.compute.function)}.Arn>`]);
    expect(invokes('Publish')).toEqual(['arn:aws:states:::lambda:invoke', `<${id(stack.functions.publish.function)}.Arn>`]);
    expect(invokes('SendAlerts')).toEqual(['arn:aws:states:::lambda:invoke', `<${id(stack.digests.function.function)}.Arn>`]);
    // `.sync`: the run waits for the build and fails with it.
    expect(state('BuildSite')).toMatchObject({ Resource: 'arn:aws:states:::codebuild:startBuild.sync', Parameters: { ProjectName: `<${id(stack.siteBuild.project)}>` } });
  });

  it('syncs every configured source in a Map of bounded concurrency, one source per invoke', () => {
    expect(state('Defaults').Parameters).toMatchObject({ defaults: { sources: pipelineConfig.sources.map((source) => source.name) } });
    expect(state('SyncSources')).toMatchObject({
      Type: 'Map',
      ItemsPath: '$.run.sources',
      ItemSelector: { 'source.$': '$$.Map.Item.Value', round: 1 },
      MaxConcurrency: pipelineLimits.syncConcurrency,
    });
    expect(loop.StartAt).toBe('SyncSource');
    expect(state('SyncSource').Parameters).toMatchObject({ Payload: { kind: 'scheduled', 'source.$': '$.source' } });
    // As many syncs may run as the Map starts, no more.
    expect(template.toJSON().Resources[id(stack.functions.sync.function)].Properties.ReservedConcurrentExecutions).toBe(pipelineLimits.syncConcurrency);
  });

  it('runs a sync again while it says it is not complete, with a pause and a cap on rounds', () => {
    expect(state('SyncSource')).toMatchObject({ ResultSelector: { 'complete.$': '$.Payload.complete' }, ResultPath: '$.sync', Next: 'SourceComplete?' });
    expect(state('SourceComplete?').Choices).toEqual([
      { Variable: '$.sync.complete', BooleanEquals: true, Next: 'SourceSynced' },
      { Variable: '$.round', NumericGreaterThanEquals: pipelineLimits.maxSyncRounds, Next: 'SourceUnfinished' },
    ]);
    // Otherwise: pause, count the round, and back to the same sync.
    expect(chainFrom(loop, state('SourceComplete?').Default!, 4)).toEqual(['PauseBeforeNextRound', 'NextRound', 'SyncSource', 'SourceComplete?']);
    expect(state('PauseBeforeNextRound')).toMatchObject({ Type: 'Wait', Seconds: pipelineLimits.pauseBetweenRounds.toSeconds() });
    expect(state('NextRound').Parameters).toEqual({ 'source.$': '$.source', 'round.$': 'States.MathAdd($.round, 1)' });
    for (const end of ['SourceSynced', 'SourceUnfinished', 'SourceFailed']) expect(state(end)).toMatchObject({ Type: 'Pass', End: true });
    expect(state('SourceUnfinished').Parameters).toMatchObject({ synced: false, error: 'SyncUnfinished' });
  });

  it('retries every task with exponential backoff and full jitter, never a bad event', () => {
    const tasks = Object.entries({ ...machine.States, ...loop.States }).filter(([, s]) => s.Type === 'Task');
    expect(tasks.map(([name]) => name).sort()).toEqual(['BuildSite', 'Compute', 'ListRunningRuns', 'Publish', 'ReportFailure', 'ReportUnsyncedSources', 'SendAlerts', 'SyncSource']);
    for (const [name, task] of tasks) {
      const all = task.Retry?.find((retry) => retry.ErrorEquals.includes('States.ALL'));
      expect(all, name).toMatchObject({ BackoffRate: 2, JitterStrategy: 'FULL', MaxDelaySeconds: 300 });
      expect(all!.MaxAttempts, name).toBeGreaterThanOrEqual(2);
      expect(all!.IntervalSeconds, name).toBeGreaterThanOrEqual(5);
      // States.ALL must be the last retrier; a retrier before it may only exclude errors.
      expect(task.Retry!.at(-1), name).toBe(all);
      if (task.Resource?.endsWith(':lambda:invoke')) expect(task.Retry![0], name).toEqual({ ErrorEquals: ['InvalidEventError'], MaxAttempts: 0 });
    }
  });

  it('writes a failed step to the failure queue and ends the run failed', () => {
    for (const name of ['ListRunningRuns', 'SyncSources', 'Compute', 'Publish', 'BuildSite', 'SendAlerts']) {
      expect(state(name).Catch, name).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'ReportFailure' }]);
    }
    const queue = `<${id(stack.failures.queue)}>`;
    expect(state('ReportFailure')).toMatchObject({
      Resource: 'arn:aws:states:::sqs:sendMessage',
      Parameters: { QueueUrl: queue, MessageBody: { 'error.$': '$.error.Error', 'cause.$': '$.error.Cause', 'execution.$': '$$.Execution.Id' } },
      ResultPath: null,
      Next: 'RunFailed',
    });
    expect(state('RunFailed')).toMatchObject({ Type: 'Fail', ErrorPath: '$.error.Error' });
  });

  it('lets one failed source not hold back the others, then reports it and ends the run failed', () => {
    expect(state('SyncSource').Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'SourceFailed' }]);
    expect(state('SourceFailed').Parameters).toMatchObject({ synced: false, 'error.$': '$.error.Error' });
    expect(state('SyncSources').ResultSelector).toEqual({ 'sources.$': '$', 'failed.$': '$[?(@.synced == false)].source' });
    expect(state('EverySourceSynced?')).toEqual({
      Type: 'Choice',
      Choices: [{ Variable: '$.sync.failed[0]', IsPresent: true, Next: 'ReportUnsyncedSources' }],
      Default: 'Done',
    });
    expect(state('ReportUnsyncedSources')).toMatchObject({ Parameters: { QueueUrl: `<${id(stack.failures.queue)}>`, MessageBody: { 'sources.$': '$.sync.failed' } }, Next: 'SyncFailed' });
    expect(state('SyncFailed')).toMatchObject({ Type: 'Fail', Error: 'SyncFailed' });
  });

  it('stops at once when an older run is still running', () => {
    expect(state('ListRunningRuns')).toMatchObject({
      Resource: 'arn:aws:states:::aws-sdk:sfn:listExecutions',
      Parameters: { 'StateMachineArn.$': '$$.StateMachine.Id', StatusFilter: 'RUNNING' },
      // ListExecutions answers newest first: the last is the oldest.
      ResultSelector: { 'oldest.$': '$.Executions[-1:].ExecutionArn', 'self.$': '$$.Execution.Id' },
    });
    expect(state('OldestRun?')).toEqual({
      Type: 'Choice',
      Choices: [
        { Variable: '$.guard.oldest[0]', IsPresent: false, Next: 'SyncSources' },
        { Variable: '$.guard.oldest[0]', StringEqualsPath: '$.guard.self', Next: 'SyncSources' },
      ],
      Default: 'OlderRunStillRunning',
    });
    expect(state('OlderRunStillRunning').Type).toBe('Succeed');
    const role = id(stack.pipeline.stateMachine.role as never);
    const listing = policyStatements(template).filter(({ roles }) => roles.includes(role)).flatMap(({ statements }) => statements).filter((s) => actionsOf([s]).includes('states:ListExecutions'));
    expect(JSON.stringify(listing.map((s) => s.Resource))).toMatch(/:stateMachine:Pmpulse-test-pipeline"/);
    expect(properties.StateMachineName).toBe('Pmpulse-test-pipeline');
  });

  it('logs every event, traces with X-Ray and times out before the next day\'s run', () => {
    expect(properties).toMatchObject({
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true, Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [id(stack.pipeline.logGroup), 'Arn'] } } }] },
      TracingConfiguration: { Enabled: true },
    });
    expect(machine.TimeoutSeconds).toBe(23 * 3600);
    expect(pipelineLimits.maxSyncRounds * 15 * 60).toBeLessThan(machine.TimeoutSeconds!);
  });
});

describe('what starts and watches the pipeline', () => {
  it('starts it on one schedule with no flexible window, and no schedule or rule runs a step by itself', () => {
    // The weekly digest schedule starts the digest function, which is no pipeline step (test/infra/digest-delivery.test.ts).
    const schedules = Object.entries(template.findResources('AWS::Scheduler::Schedule')).filter(([name]) => name !== id(stack.digests.schedule)).map(([, schedule]) => schedule);
    expect(schedules).toHaveLength(1);
    expect(schedules[0]!.Properties).toMatchObject({
      ScheduleExpression: 'cron(0 5 * * ? *)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: { Ref: id(stack.pipeline.stateMachine) }, Input: JSON.stringify({ scheduledAt: '<aws.scheduler.scheduled-time>' }) },
    });
    const functionArns = Object.values(stack.functions).map((fn) => JSON.stringify({ 'Fn::GetAtt': [id(fn.function), 'Arn'] }));
    for (const rule of Object.values(template.findResources('AWS::Events::Rule'))) {
      expect(rule.Properties.ScheduleExpression).toBeUndefined();
      for (const target of rule.Properties.Targets ?? []) expect(functionArns).not.toContain(JSON.stringify(target.Arn));
    }
    // The state machine starts the build; the latest.json rule would start a second one.
    expect(template.toJSON().Resources[id(stack.siteBuild.rule)].Properties.State).toBe('DISABLED');
    expect(template.toJSON().Outputs.PipelineStateMachineArn.Value).toEqual({ Ref: id(stack.pipeline.stateMachine) });
  });

  it('alarms when a run fails or times out', () => {
    for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/States',
        MetricName: metric,
        Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: id(stack.pipeline.stateMachine) } }],
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [{ Ref: id(stack.alarms.topic) }],
      });
    }
  });
});
