import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { CONFIG_ENV, REPORTS_BUCKET_ENV, TABLE_ENV } from '../functions/handlers/runtime-config.ts';
import { FailureQueue } from './failure-queue.ts';
import { PipelineFunction, type PipelineFunctionProps, type PipelineStep } from './pipeline-function.ts';
import { PipelineSchedule } from './pipeline-schedule.ts';
import { PipelineTable } from './pipeline-table.ts';
import { grantReportsReadWrite } from './report-access.ts';
import { ReportsBucket } from './reports-bucket.ts';
import { defaultSchedules, type PmpulseStackProps } from './stack-props.ts';
import { validateStackProps } from './validate-props.ts';

export type { PmpulseStackProps } from './stack-props.ts';

/** Per step: how long it may run, and whether two runs may overlap. */
const stepSettings: Record<PipelineStep, Pick<PipelineFunctionProps, 'timeout' | 'memorySize' | 'reservedConcurrency' | 'maxEventAge'>> = {
  // The sync lease lasts 15 minutes too; a missed hourly run is caught up by the next one.
  sync: { timeout: Duration.minutes(15), reservedConcurrency: 1, maxEventAge: Duration.hours(1) },
  // The KPI engine streams records; memory buys CPU for the scan.
  compute: { timeout: Duration.minutes(15), memorySize: 1024, reservedConcurrency: 1 },
  publish: { timeout: Duration.minutes(5) },
};

/**
 * pmpulse in AWS: the store table, the reports bucket, the sync/compute/publish functions and the
 * schedules that run them, failed runs landing in one queue.
 */
export class PmpulseStack extends Stack {
  readonly table: PipelineTable;
  readonly reports: ReportsBucket;
  readonly failures: FailureQueue;
  readonly functions: Record<PipelineStep, PipelineFunction>;
  readonly schedules: Record<PipelineStep, PipelineSchedule>;

  constructor(scope: Construct, id: string, props: PmpulseStackProps = {}) {
    super(scope, id, props);
    const configJson = JSON.stringify(props.pipelineConfig ?? {});
    validateStackProps(props, configJson);
    const stage = props.stage ?? 'dev';
    this.table = new PipelineTable(this, 'Store', { ...(props.deletionProtection === undefined ? {} : { deletionProtection: props.deletionProtection }) });
    this.reports = new ReportsBucket(this, 'Reports');
    this.failures = new FailureQueue(this, 'FailedRuns');
    const environment = {
      [CONFIG_ENV]: configJson,
      [TABLE_ENV]: this.table.table.tableName,
      [REPORTS_BUCKET_ENV]: this.reports.bucket.bucketName,
    };
    const step = (name: PipelineStep) =>
      new PipelineFunction(this, `${name[0]!.toUpperCase()}${name.slice(1)}`, {
        step: name,
        failureQueue: this.failures.queue,
        environment,
        ...stepSettings[name],
        ...(props.logRetention === undefined ? {} : { logRetention: props.logRetention }),
      });
    this.functions = { sync: step('sync'), compute: step('compute'), publish: step('publish') };
    this.grantAccess();
    this.schedules = this.scheduleSteps(props, stage);
    this.addOutputs();
  }

  /**
   * Sync writes records, cursors and its lease; compute reads them and stages documents; publish
   * touches only the reports (it opens a store client but never calls it).
   */
  private grantAccess(): void {
    const { sync, compute, publish } = this.functions;
    this.table.table.grantReadWriteData(sync.role);
    this.table.table.grantReadData(compute.role);
    grantReportsReadWrite(this.reports.bucket, compute.role);
    grantReportsReadWrite(this.reports.bucket, publish.role);
  }

  private scheduleSteps(props: PmpulseStackProps, stage: string): Record<PipelineStep, PipelineSchedule> {
    const schedules = { ...defaultSchedules, ...props.schedules };
    const schedule = (name: PipelineStep) =>
      new PipelineSchedule(this, `${this.functions[name].node.id}Schedule`, {
        function: this.functions[name].function,
        expression: schedules[name],
        timeZone: schedules.timeZone,
        deadLetterQueue: this.failures.queue,
        description: `pmpulse ${stage}: ${name}`,
      });
    return { sync: schedule('sync'), compute: schedule('compute'), publish: schedule('publish') };
  }

  private addOutputs(): void {
    new CfnOutput(this, 'TableName', { value: this.table.table.tableName });
    new CfnOutput(this, 'ReportsBucketName', { value: this.reports.bucket.bucketName });
    new CfnOutput(this, 'FailedRunsQueueUrl', { value: this.failures.queue.queueUrl });
    for (const [name, fn] of Object.entries(this.functions)) {
      new CfnOutput(this, `${fn.node.id}FunctionName`, { value: fn.function.functionName, description: `pmpulse ${name}` });
    }
  }
}
