import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { Config } from '../functions/config/index.ts';
import { CONFIG_ENV, REPORTS_BUCKET_ENV, STAGE_ENV, TABLE_ENV } from '../functions/handlers/runtime-config.ts';
import { SECRETS_ENV } from '../functions/handlers/secrets.ts';
import { DELIVERIES_FAILED_METRIC } from '../functions/handlers/digest-env.ts';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../functions/handlers/logger.ts';
import { grantAlertState } from './alert-state-access.ts';
import { ComputeTask } from './compute-task.ts';
import { ConnectorSecrets } from './connector-secrets.ts';
import { DigestDelivery } from './digest-delivery.ts';
import { DataKey, keyUse } from './data-key.ts';
import { FailureQueue } from './failure-queue.ts';
import { PeopleRates } from './people-rates.ts';
import { PipelineAlarms } from './pipeline-alarms.ts';
import { functionNodeOptions, PipelineFunction, type PipelineFunctionProps, type PipelineStep } from './pipeline-function.ts';
import { PipelineSchedule } from './pipeline-schedule.ts';
import { pipelineLimits, PipelineStateMachine } from './pipeline-state-machine.ts';
import { PipelineTable } from './pipeline-table.ts';
import { grantReportsRead, grantReportsReadWrite, grantStagingWrite } from './report-access.ts';
import { ReportsBucket } from './reports-bucket.ts';
import { SiteAuth } from './site-auth.ts';
import { SiteBuild } from './site-build.ts';
import { SiteDistribution } from './site-distribution.ts';
import { defaultDigestSchedule, defaultSchedules, type PmpulseStackProps } from './stack-props.ts';
import { validateStackProps } from './validate-props.ts';

export type { PmpulseStackProps } from './stack-props.ts';

/** Per step: how long it may run, and how many runs may overlap. */
const stepSettings: Record<PipelineStep, Pick<PipelineFunctionProps, 'timeout' | 'memorySize' | 'reservedConcurrency' | 'maxEventAge'>> = {
  // One sync per source at once, as many as the state machine's Map runs in parallel.
  sync: { timeout: Duration.minutes(15), reservedConcurrency: pipelineLimits.syncConcurrency, maxEventAge: Duration.hours(1) },
  // One full vCPU (Lambda gives one at 1,769 MB): the engine runs on one thread, and at 1,024 MB
  // memory would run out near 0.67M stored tasks (docs/deploy.md, Measured limits).
  compute: { timeout: Duration.minutes(15), memorySize: 1769, reservedConcurrency: 1 },
  publish: { timeout: Duration.minutes(5) },
};

/**
 * pmpulse in AWS: the store table, the reports bucket, the sync/compute/publish functions and the
 * state machine that runs them in turn on a schedule, failed runs landing in one queue and raising
 * alarms; the private site rebuilt after each publish and served by CloudFront to signed-in users only.
 */
export class PmpulseStack extends Stack {
  readonly table: PipelineTable;
  readonly reports: ReportsBucket;
  readonly failures: FailureQueue;
  readonly connectorSecrets: ConnectorSecrets;
  readonly functions: Record<PipelineStep, PipelineFunction>;
  /** With `computeRunsOn: 'fargate'`, compute as an ECS task the state machine runs in place of the compute function. */
  readonly computeTask?: ComputeTask;
  /** Sync every source, then compute, publish and the site build, one after the other. */
  readonly pipeline: PipelineStateMachine;
  readonly schedule: PipelineSchedule;
  /** Encrypts the alarm topic and the site build. */
  readonly key: kms.Key;
  readonly alarms: PipelineAlarms;
  readonly siteAuth: SiteAuth;
  readonly site: SiteDistribution;
  readonly siteBuild: SiteBuild;
  /** Encrypts the reports and the site; only the roles that need them may use it. */
  readonly dataKey: DataKey;
  /** `people[].rate`, kept out of the environment and the template. */
  readonly peopleRates: PeopleRates;
  /** Alerts after each publish, the digests once a week: SES and Slack. */
  readonly digests: DigestDelivery;

  constructor(scope: Construct, id: string, props: PmpulseStackProps = {}) {
    super(scope, id, props);
    const configJson = JSON.stringify(props.pipelineConfig ?? {});
    const config = validateStackProps(props, configJson);
    const stage = props.stage ?? 'dev';
    this.table = new PipelineTable(this, 'Store', { ...(props.deletionProtection === undefined ? {} : { deletionProtection: props.deletionProtection }) });
    this.dataKey = new DataKey(this, 'DataKey', { stage });
    this.peopleRates = new PeopleRates(this, 'PeopleRates', { stage, pipelineConfig: props.pipelineConfig ?? {} });
    this.reports = new ReportsBucket(this, 'Reports', { encryptionKey: this.dataKey.key });
    this.failures = new FailureQueue(this, 'FailedRuns');
    this.connectorSecrets = new ConnectorSecrets(this, 'ConnectorSecrets', {
      stage,
      tokenEnvs: config.sources.flatMap((source) => (source.tokenEnv === undefined ? [] : [source.tokenEnv])),
      ...(props.connectorSecretArns ? { existingSecretArns: props.connectorSecretArns } : {}),
    });
    this.functions = this.pipelineFunctions(props, stage, this.peopleRates.configJson, config);
    if (props.computeRunsOn === 'fargate') {
      this.computeTask = new ComputeTask(this, 'ComputeTask', {
        stage,
        environment: { NODE_OPTIONS: functionNodeOptions, ...this.computeEnvironment(stage, this.peopleRates.configJson) },
        ...(props.logRetention === undefined ? {} : { logRetention: props.logRetention }),
      });
    }
    this.grantAccess();
    this.key = new kms.Key(this, 'OpsKey', { enableKeyRotation: true, description: `pmpulse ${stage}: alarm topic and site build` });
    this.siteAuth = new SiteAuth(this, 'SiteAuth', {
      stage,
      domainPrefix: props.authDomainPrefix ?? `pmpulse-${stage}-${this.account}`,
      ...(props.federation ? { federation: props.federation } : {}),
      ...(props.logRetention === undefined ? {} : { logRetention: props.logRetention }),
    });
    this.site = new SiteDistribution(this, 'Site', { accessLogsBucket: this.reports.accessLogsBucket, signInUrl: this.siteAuth.functionUrl });
    this.siteAuth.addAppClient(this.site.distribution.distributionDomainName);
    this.siteBuild = new SiteBuild(this, 'SiteBuild', {
      reportsBucket: this.reports.bucket,
      siteBucket: this.site.bucket,
      distribution: this.site.distribution,
      key: this.key,
      deadLetterQueue: this.failures.queue,
      ...(props.logRetention === undefined ? {} : { logRetention: props.logRetention }),
      privacy: config.privacy,
    });
    this.digests = this.digestDelivery(props, stage, config);
    this.protectData();
    this.pipeline = this.pipelineRun(props, stage, config);
    this.schedule = this.schedulePipeline(props, stage);
    this.alarms = this.createAlarms(props, stage);
    this.addOutputs();
  }

  private functionEnvironment(stage: string, configJson: string): Record<string, string> {
    return {
      [CONFIG_ENV]: configJson,
      [TABLE_ENV]: this.table.table.tableName,
      [REPORTS_BUCKET_ENV]: this.reports.bucket.bucketName,
      [STAGE_ENV]: stage,
    };
  }

  /** Only compute learns where the pay rates are. */
  private computeEnvironment(stage: string, configJson: string): Record<string, string> {
    return { ...this.functionEnvironment(stage, configJson), ...this.peopleRates.environment };
  }

  private pipelineFunctions(props: PmpulseStackProps, stage: string, configJson: string, config: Config): Record<PipelineStep, PipelineFunction> {
    const environment = this.functionEnvironment(stage, configJson);
    // Only sync talks to the sources, so only sync learns where their tokens are; only compute, where the pay rates are.
    const secretsEnv: Record<string, string> = config.sources.length ? { [SECRETS_ENV]: this.toJsonString(this.connectorSecrets.arnsByEnv) } : {};
    const step = (name: PipelineStep) =>
      new PipelineFunction(this, `${name[0]!.toUpperCase()}${name.slice(1)}`, {
        step: name,
        failureQueue: this.failures.queue,
        environment: name === 'compute' ? this.computeEnvironment(stage, configJson) : { ...environment, ...(name === 'sync' ? secretsEnv : {}) },
        ...stepSettings[name],
        ...(props.logRetention === undefined ? {} : { logRetention: props.logRetention }),
      });
    return { sync: step('sync'), compute: step('compute'), publish: step('publish') };
  }

  /**
   * Sync writes records, cursors and its lease and reads its tokens; compute reads the records and
   * stages documents (under staging/ only) with the pay rates; publish touches only the reports (it
   * opens a store client but never calls it). The compute task, if any, gets what compute gets.
   */
  private grantAccess(): void {
    const { sync, compute, publish } = this.functions;
    this.table.table.grantReadWriteData(sync.role);
    this.connectorSecrets.grantRead(sync.role);
    for (const role of [compute.role, ...(this.computeTask ? [this.computeTask.taskRole] : [])]) this.grantCompute(role);
    grantReportsReadWrite(this.reports.bucket, publish.role);
  }

  private grantCompute(role: iam.Role): void {
    this.table.table.grantReadData(role);
    grantStagingWrite(this.reports.bucket, role);
    this.peopleRates.grantRead(role);
  }

  /**
   * The digest function reads the reports (never writes them) and the alert-state items, reads its
   * Slack secret and sends as the configured sender (digest-delivery.ts). Its weekly schedule reads
   * in `digests.timeZone`, else the config's `kpi.timeZone` (the zone its days are counted in),
   * else the pipeline schedule's.
   */
  private digestDelivery(props: PmpulseStackProps, stage: string, config: Config): DigestDelivery {
    const settings = props.digests ?? {};
    const from = config.digest.email?.from;
    const digests = new DigestDelivery(this, 'Digests', {
      stage,
      environment: this.functionEnvironment(stage, this.peopleRates.configJson),
      failureQueue: this.failures.queue,
      schedule: settings.schedule ?? defaultDigestSchedule,
      timeZone: settings.timeZone ?? config.kpi?.timeZone ?? props.schedules?.timeZone ?? defaultSchedules.timeZone,
      // As configured: SES compares ses:FromAddress with the address the mail is sent from.
      senderAddress: from,
      createSenderIdentity: settings.createSenderIdentity ?? false,
      recipients: settings.recipients ?? 'config',
      userPool: this.siteAuth.userPool,
      ...(props.logRetention === undefined ? {} : { logRetention: props.logRetention }),
    });
    grantReportsRead(this.reports.bucket, digests.function.role);
    grantAlertState(this.table.table, digests.function.role);
    return digests;
  }

  /** The data key admits by name whoever reads or writes the reports and the site, and no one else. */
  private protectData(): void {
    const { compute, publish } = this.functions;
    this.dataKey.admit('ComputeWritesStaging', compute.role, keyUse);
    if (this.computeTask) this.dataKey.admit('ComputeTaskWritesStaging', this.computeTask.taskRole, keyUse);
    this.dataKey.admit('PublishReadsAndWritesReports', publish.role, keyUse);
    this.dataKey.admit('DigestReadsReports', this.digests.function.role, ['kms:Decrypt']);
    this.dataKey.admit('SiteBuildReadsReportsWritesSite', this.siteBuild.project.role!, keyUse);
    this.dataKey.encryptBucket(this.site.bucket);
    this.dataKey.admitCloudFront(this.site.distribution, this.site.bucket);
  }

  /** The state machine starts the site build after publish, so the build no longer waits for latest.json's S3 event. */
  private pipelineRun(props: PmpulseStackProps, stage: string, config: Config): PipelineStateMachine {
    const pipeline = new PipelineStateMachine(this, 'Pipeline', {
      stage,
      functions: { sync: this.functions.sync.function, compute: this.functions.compute.function, publish: this.functions.publish.function },
      alerts: this.digests.function.function,
      siteBuild: this.siteBuild.project,
      failureQueue: this.failures.queue,
      sources: config.sources.map((source) => source.name),
      ...(props.logRetention === undefined ? {} : { logRetention: props.logRetention }),
      ...(this.computeTask ? { computeTask: this.computeTask } : {}),
    });
    // Both starting a build would race for the project's single build slot.
    (this.siteBuild.rule.node.defaultChild as events.CfnRule).state = 'DISABLED';
    return pipeline;
  }

  private schedulePipeline(props: PmpulseStackProps, stage: string): PipelineSchedule {
    const schedules = { ...defaultSchedules, ...props.schedules };
    return new PipelineSchedule(this, 'PipelineSchedule', {
      stateMachine: this.pipeline.stateMachine,
      expression: schedules.pipeline,
      timeZone: schedules.timeZone,
      deadLetterQueue: this.failures.queue,
      description: `pmpulse ${stage}: pipeline run`,
    });
  }

  private createAlarms(props: PmpulseStackProps, stage: string): PipelineAlarms {
    const alarms = new PipelineAlarms(this, 'Alarms', {
      stage,
      key: this.key,
      failureQueue: this.failures.queue,
      functions: { sync: this.functions.sync.function, compute: this.functions.compute.function, publish: this.functions.publish.function, digest: this.digests.function.function },
      stateMachine: this.pipeline.stateMachine,
      ...(props.staleAfterHours === undefined ? {} : { staleAfterHours: props.staleAfterHours }),
      ...(props.alarmEmail ? { email: props.alarmEmail } : {}),
    });
    alarms.add('DigestDeliveryFailed', `pmpulse ${stage}: a digest or alert could not be sent`, new cloudwatch.Metric({
      namespace: METRICS_NAMESPACE,
      metricName: DELIVERIES_FAILED_METRIC,
      dimensionsMap: { service: SERVICE_NAME, stage, step: 'digest' },
      period: Duration.minutes(5),
      statistic: 'Sum',
    }));
    if (this.computeTask) {
      // The compute function's Errors alarm never fires when the task computes: this one fires on a
      // failed attempt of the task as that one does on the function's, even when a retry then succeeds.
      alarms.add('ComputeTaskFailed', `pmpulse ${stage}: a compute task run failed`, new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName: 'RunFailed',
        dimensionsMap: { service: SERVICE_NAME, stage, step: 'compute' },
        period: Duration.minutes(5),
        statistic: 'Sum',
      }));
    }
    alarms.add('SiteBuildFailed', `pmpulse ${stage}: the site rebuild failed`, this.siteBuild.project.metricFailedBuilds({ period: Duration.minutes(5), statistic: 'Sum' }));
    return alarms;
  }

  private addOutputs(): void {
    const output = (id: string, value: string, description?: string) => new CfnOutput(this, id, { value, ...(description ? { description } : {}) });
    output('TableName', this.table.table.tableName);
    output('ReportsBucketName', this.reports.bucket.bucketName);
    output('FailedRunsQueueUrl', this.failures.queue.queueUrl);
    output('PipelineStateMachineArn', this.pipeline.stateMachine.stateMachineArn, 'start a run by hand: aws stepfunctions start-execution');
    for (const [name, fn] of Object.entries(this.functions)) output(`${fn.node.id}FunctionName`, fn.function.functionName, `pmpulse ${name}`);
    if (this.computeTask) output('ComputeTaskLogGroupName', this.computeTask.logGroup.logGroupName, 'pmpulse compute, run as an ECS task by the state machine');
    output('SiteUrl', `https://${this.site.distribution.distributionDomainName}/`);
    output('SiteBucketName', this.site.bucket.bucketName);
    output('SiteBuildProject', this.siteBuild.project.projectName);
    output('UserPoolId', this.siteAuth.userPool.userPoolId);
    output('SessionKeyStoreArn', this.site.keyValueStore.keyValueStoreArn, 'copy the session key here once (docs/deploy.md)');
    output('SessionKeySecretArn', this.siteAuth.sessionKey.secretArn);
    output('AlarmTopicArn', this.alarms.topic.topicArn);
    output('DigestFunctionName', this.digests.function.function.functionName, 'pmpulse digest: alerts after each publish, digests weekly');
    output('DigestSlackSecretArn', this.digests.slackSecret.secretArn, 'put {"<name>": "<Slack webhook URL>"} here (docs/deploy.md)');
    output('PeopleRatesSecretArn', this.peopleRates.secret.secretArn, 'put {"<person id>": rate} here (docs/deploy.md)');
    for (const [name, secret] of Object.entries(this.connectorSecrets.secrets)) output(`Secret${name.replace(/[^A-Za-z0-9]/g, '')}`, secret.secretArn, `put the ${name} token here`);
  }
}
