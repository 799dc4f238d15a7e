import { ArnFormat, Duration, RemovalPolicy, Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import type * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { SCHEDULED_AT_ENV } from '../functions/handlers/compute-task-env.ts';
import type { ComputeTask } from './compute-task.ts';
import { defaults } from './defaults.ts';
import { syncLoop } from './sync-loop.ts';

/** How the pipeline paces itself; the stack reads `syncConcurrency` for the sync function too. */
export const pipelineLimits = {
  /** Sources synced at once (each has its own vendor and rate limits). */
  syncConcurrency: 4,
  /** Rounds of one source's sync in one run: 48 Lambdas of at most 15 minutes, 12 hours. */
  maxSyncRounds: 48,
  pauseBetweenRounds: Duration.seconds(10),
  /** Below a day, so a run that hangs never overlaps tomorrow's and its timeout raises an alarm. */
  runTimeout: Duration.hours(23),
  siteBuildTimeout: Duration.hours(1),
  /**
   * A compute task that has not stopped by then is stopped and the step fails. The growth measured
   * (CPU as the data to the power 1.55, docs/deploy.md) puts 3 hours near 28M stored tasks, past
   * what its memory holds (about 17M).
   */
  computeTaskTimeout: Duration.hours(3),
} as const;

export interface PipelineStateMachineProps {
  readonly stage: string;
  readonly functions: Readonly<Record<'sync' | 'compute' | 'publish', lambda.IFunction>>;
  /**
   * The digest function, run in `alerts` mode on the snapshot just published, once the site is built.
   * @default - no alerts step
   */
  readonly alerts?: lambda.IFunction;
  /** The CodeBuild project that builds the site from the latest snapshot. */
  readonly siteBuild: codebuild.IProject;
  /** Where a failed run leaves its error, which raises the failure-queue alarm. */
  readonly failureQueue: sqs.IQueue;
  /** The configured sources, synced when the run's input names none. */
  readonly sources: readonly string[];
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Run compute as this ECS task on Fargate instead of invoking the compute function.
   * @default - the compute function
   */
  readonly computeTask?: ComputeTask;
}

/**
 * The pipeline as one Step Functions state machine, in place of schedules at fixed offsets: every
 * source synced in parallel (a Map; a sync that stopped at its deadline runs again until it is
 * done), then compute, publish and the site build, each as soon as the one before has finished.
 * Each task retries with backoff and jitter; a failure is written to the failure queue and ends
 * the run failed, which the alarms watch. A run that finds an older one still running stops
 * at once, so two never work at the same time.
 */
export class PipelineStateMachine extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: PipelineStateMachineProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // Named, so its own role may list its executions without a reference to itself (a cycle).
    const stateMachineName = `${stack.stackName}-pipeline`;
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      // The vended-logs prefix keeps CloudWatch's resource policy from growing with every state machine.
      logGroupName: `/aws/vendedlogs/states/${stateMachineName}`,
      retention: props.logRetention ?? defaults.logRetention,
      // A named group kept after the stack is gone would block the next deploy of the same stage.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName,
      comment: `pmpulse ${props.stage}: sync every source, then compute, publish and build the site`,
      definitionBody: sfn.DefinitionBody.fromChainable(this.definition(props, stateMachineName)),
      timeout: pipelineLimits.runTimeout,
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
    });
    this.acknowledgeFindings(props);
  }

  private definition(props: PipelineStateMachineProps, stateMachineName: string): sfn.IChainable {
    const reportFailure = this.failureReport('ReportFailure', props.failureQueue, {
      execution: sfn.JsonPath.executionId,
      error: sfn.JsonPath.stringAt('$.error.Error'),
      cause: sfn.JsonPath.stringAt('$.error.Cause'),
    }).next(new sfn.Fail(this, 'RunFailed', { errorPath: '$.error.Error', causePath: '$.error.Cause' }));
    const onError = <T extends sfn.TaskStateBase | sfn.Map>(state: T): T => state.addCatch(reportFailure, { errors: [sfn.Errors.ALL], resultPath: '$.error' }) as T;

    const guard = onError(this.olderRunGuard(stateMachineName));
    const syncAll = onError(
      new sfn.Map(this, 'SyncSources', {
        itemsPath: '$.run.sources',
        itemSelector: { source: sfn.JsonPath.stringAt('$$.Map.Item.Value'), round: 1 },
        maxConcurrency: pipelineLimits.syncConcurrency,
        resultSelector: { sources: sfn.JsonPath.stringAt('$'), failed: sfn.JsonPath.listAt('$[?(@.synced == false)].source') },
        resultPath: '$.sync',
      }).itemProcessor(syncLoop(this, { syncFunction: props.functions.sync, maxRounds: pipelineLimits.maxSyncRounds, pause: pipelineLimits.pauseBetweenRounds })),
    );
    const scheduled = sfn.TaskInput.fromObject({ kind: 'scheduled', scheduledAt: sfn.JsonPath.stringAt('$.run.scheduledAt') });
    const computeRetries = { interval: Duration.minutes(1), maxAttempts: 2 };
    const compute = onError(
      props.computeTask
        ? this.computeTaskStep(props.computeTask, computeRetries)
        : this.step('Compute', props.functions.compute, scheduled, { asOf: sfn.JsonPath.stringAt('$.Payload.asOf') }, computeRetries),
    );
    const publish = onError(this.step('Publish', props.functions.publish, scheduled, { snapshot: sfn.JsonPath.stringAt('$.Payload.snapshot') }, { interval: Duration.seconds(15), maxAttempts: 3 }));
    const buildSite = onError(this.siteBuildTask(props.siteBuild));
    // After the build, so every alert's link opens a page that already shows what it announces.
    const alerts = props.alerts
      ? onError(this.step('SendAlerts', props.alerts, sfn.TaskInput.fromObject({ mode: 'alerts', snapshot: sfn.JsonPath.stringAt('$.publish.snapshot') }), { fired: sfn.JsonPath.numberAt('$.Payload.fired') }, { interval: Duration.seconds(30), maxAttempts: 3 }, 'alerts'))
      : undefined;

    const sourcesFailed = this.failureReport('ReportUnsyncedSources', props.failureQueue, {
      execution: sfn.JsonPath.executionId,
      error: 'SyncFailed',
      sources: sfn.JsonPath.objectAt('$.sync.failed'),
      results: sfn.JsonPath.objectAt('$.sync.sources'),
    }).next(new sfn.Fail(this, 'SyncFailed', { error: 'SyncFailed', cause: 'a source did not sync; the snapshot was published with what the store holds, and quality.json says which source failed' }));
    const everySourceSynced = new sfn.Choice(this, 'EverySourceSynced?')
      .when(sfn.Condition.isPresent('$.sync.failed[0]'), sourcesFailed)
      .otherwise(new sfn.Succeed(this, 'Done'));

    syncAll.next(compute).next(publish).next(buildSite);
    (alerts ? buildSite.next(alerts) : buildSite).next(everySourceSynced);
    return this.readInput(props.sources)
      .next(guard)
      .next(
        new sfn.Choice(this, 'OldestRun?')
          // Listing lags a just-started execution: seeing none at all means no older one either.
          .when(sfn.Condition.isNotPresent('$.guard.oldest[0]'), syncAll)
          .when(sfn.Condition.stringEqualsJsonPath('$.guard.oldest[0]', '$.guard.self'), syncAll)
          .otherwise(new sfn.Succeed(this, 'OlderRunStillRunning', { comment: 'an older run holds the pipeline; this one does nothing' })),
      );
  }

  /**
   * The run's settings: the input's `sources` and `scheduledAt` where given (`{}` when started by
   * hand), else every configured source and the run's start time, the day compute works for.
   */
  private readInput(sources: readonly string[]): sfn.Chain {
    const defaultsState = new sfn.Pass(this, 'Defaults', {
      parameters: { defaults: { sources: [...sources], scheduledAt: sfn.JsonPath.stringAt('$$.Execution.StartTime') }, input: sfn.JsonPath.objectAt('$') },
    });
    const merge = new sfn.Pass(this, 'ReadInput', {
      parameters: { run: sfn.JsonPath.jsonMerge(sfn.JsonPath.objectAt('$.defaults'), sfn.JsonPath.objectAt('$.input')) },
    });
    return defaultsState.next(merge);
  }

  /** The oldest running execution of this state machine (the list is newest first) and this one's id. */
  private olderRunGuard(stateMachineName: string): sfn.TaskStateBase {
    const stack = Stack.of(this);
    return new tasks.CallAwsService(this, 'ListRunningRuns', {
      service: 'sfn',
      action: 'listExecutions',
      parameters: { StateMachineArn: sfn.JsonPath.stringAt('$$.StateMachine.Id'), StatusFilter: 'RUNNING', MaxResults: 1000 },
      iamAction: 'states:ListExecutions',
      iamResources: [stack.formatArn({ service: 'states', resource: 'stateMachine', resourceName: stateMachineName, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
      resultSelector: { oldest: sfn.JsonPath.listAt('$.Executions[-1:].ExecutionArn'), self: sfn.JsonPath.executionId },
      resultPath: '$.guard',
    }).addRetry(retry({ interval: Duration.seconds(5), maxAttempts: 3 }));
  }

  private step(id: string, fn: lambda.IFunction, payload: sfn.TaskInput, resultSelector: Record<string, unknown>, policy: RetryPolicy, resultKey = id.toLowerCase()): sfn.TaskStateBase {
    const task = new tasks.LambdaInvoke(this, id, { lambdaFunction: fn, payload, retryOnServiceExceptions: false, resultSelector, resultPath: `$.${resultKey}` });
    task.addRetry({ errors: ['InvalidEventError'], maxAttempts: 0 });
    return task.addRetry(retry(policy));
  }

  /**
   * `.sync`: the state waits for the task to stop, and a container that exits non-zero fails it.
   * The task gets the run's `scheduledAt`, as the function gets it in its event. Its result is
   * the task's ARN, not the function's `asOf`: no later state reads `$.compute`.
   */
  private computeTaskStep(task: ComputeTask, policy: RetryPolicy): sfn.TaskStateBase {
    return new tasks.EcsRunTask(this, 'Compute', {
      integrationPattern: sfn.IntegrationPattern.RUN_JOB,
      cluster: task.cluster,
      taskDefinition: task.taskDefinition,
      launchTarget: new tasks.EcsFargateLaunchTarget({ platformVersion: ecs.FargatePlatformVersion.LATEST }),
      subnets: task.network.subnets,
      securityGroups: [task.network.securityGroup],
      // No NAT gateway: a public address is how the task reaches the APIs (compute-network.ts).
      assignPublicIp: true,
      containerOverrides: [{ containerDefinition: task.container, environment: [{ name: SCHEDULED_AT_ENV, value: sfn.JsonPath.stringAt('$.run.scheduledAt') }] }],
      taskTimeout: sfn.Timeout.duration(pipelineLimits.computeTaskTimeout),
      resultSelector: { taskArn: sfn.JsonPath.stringAt('$.TaskArn') },
      resultPath: '$.compute',
    }).addRetry(retry(policy));
  }

  /** `.sync`: the state waits for the build, so a failed build fails the run. */
  private siteBuildTask(project: codebuild.IProject): sfn.TaskStateBase {
    return new tasks.CodeBuildStartBuild(this, 'BuildSite', {
      project,
      integrationPattern: sfn.IntegrationPattern.RUN_JOB,
      taskTimeout: sfn.Timeout.duration(pipelineLimits.siteBuildTimeout),
      resultSelector: { buildId: sfn.JsonPath.stringAt('$.Build.Id'), status: sfn.JsonPath.stringAt('$.Build.BuildStatus') },
      resultPath: '$.siteBuild',
      // A build running already (the project runs one at a time) is refused; a later attempt gets in.
    }).addRetry(retry({ interval: Duration.minutes(1), maxAttempts: 3 }));
  }

  private failureReport(id: string, queue: sqs.IQueue, body: Record<string, unknown>): sfn.TaskStateBase {
    return new tasks.SqsSendMessage(this, id, {
      queue,
      messageBody: sfn.TaskInput.fromObject({ step: 'pipeline', ...body }),
      resultPath: sfn.JsonPath.DISCARD,
    }).addRetry(retry({ interval: Duration.seconds(5), maxAttempts: 3 }));
  }

  private acknowledgeFindings(props: PipelineStateMachineProps): void {
    const stack = Stack.of(this);
    const role = this.stateMachine.role;
    const id = (construct: Construct) => stack.resolve((construct.node.defaultChild as CfnResource).logicalId) as string;
    const reasons: Record<string, string> = {
      'Resource::*': `CloudWatch Logs delivery (logs:*LogDelivery, logs:*ResourcePolicies, logs:DescribeLogGroups)${props.computeTask ? ', ecs:DescribeTasks and ecs:StopTask (the .sync wait on the compute task, and stopping it when the run ends first)' : ''} and X-Ray (PutTraceSegments, PutTelemetryRecords, sampling) take no resource; AWS documents them with *.`,
    };
    const { compute, ...others } = props.functions;
    const invoked = { ...others, ...(props.computeTask ? {} : { compute }), ...(props.alerts ? { digest: props.alerts } : {}) };
    for (const [step, fn] of Object.entries(invoked)) {
      // An imported function is named by its ARN, which nag does not report.
      if (!fn.node.defaultChild) continue;
      reasons[`Resource::<${id(fn)}.Arn>:*`] = `The invoke grant covers the versions and aliases of the ${step} function only.`;
    }
    for (const [finding, reason] of Object.entries(reasons)) Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
  }
}

interface RetryPolicy {
  interval: Duration;
  maxAttempts: number;
}

/** Exponential backoff with full jitter, so retries of parallel tasks do not arrive together. */
function retry(policy: RetryPolicy): sfn.RetryProps {
  return { errors: [sfn.Errors.ALL], interval: policy.interval, maxAttempts: policy.maxAttempts, backoffRate: 2, maxDelay: Duration.minutes(5), jitterStrategy: sfn.JitterType.FULL };
}
