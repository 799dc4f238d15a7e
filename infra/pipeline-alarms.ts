import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../functions/handlers/logger.ts';
import { defaults } from './defaults.ts';

export interface PipelineAlarmsProps {
  readonly stage: string;
  /** The functions whose failed runs raise an alarm, by name. */
  readonly functions: Readonly<Record<string, lambda.IFunction>>;
  readonly failureQueue: sqs.IQueue;
  /** The pipeline's state machine: a run that failed or timed out raises an alarm. */
  readonly stateMachine?: sfn.IStateMachine;
  /**
   * Raise the stale-data alarm when no snapshot was published for this many hours (1–168).
   * @default 26 (a daily publish, plus two hours of slack)
   */
  readonly staleAfterHours?: number;
  /**
   * An address subscribed to the alarm topic (it must confirm the subscription).
   * @default - no subscription; subscribe to the `AlarmTopicArn` output
   */
  readonly email?: string;
  /** The customer-managed key that encrypts the topic (CloudWatch may use it to publish). */
  readonly key: kms.IKey;
}

/** Failed runs (of a step or of the whole pipeline), stale data and a non-empty failure queue, each an alarm on one encrypted SNS topic. */
export class PipelineAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: PipelineAlarmsProps) {
    super(scope, id);
    // CloudWatch publishes to an encrypted topic only with a key whose policy lets it: not aws/sns.
    // Only for alarms of this account and region, so the key serves no one else's alarms (confused deputy).
    const stack = Stack.of(this);
    props.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
        },
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', { displayName: `pmpulse ${props.stage} alarms`, masterKey: props.key, enforceSSL: true });
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    for (const [name, fn] of Object.entries(props.functions)) {
      this.add(`${name}Failed`, `pmpulse ${props.stage}: a ${name} run failed`, fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }));
    }
    if (props.stateMachine) {
      const run = { period: Duration.minutes(5), statistic: 'Sum' } as const;
      this.add('PipelineRunFailed', `pmpulse ${props.stage}: a pipeline run failed`, props.stateMachine.metricFailed(run));
      this.add('PipelineRunTimedOut', `pmpulse ${props.stage}: a pipeline run did not finish in time`, props.stateMachine.metricTimedOut(run));
    }
    this.add('FailedRunsQueued', `pmpulse ${props.stage}: failed runs are waiting in the failure queue`,
      props.failureQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }));
    this.addStaleData(props);
  }

  /** Alarm on a metric reaching 1 in any period; no data means nothing went wrong. */
  add(id: string, description: string, metric: cloudwatch.IMetric): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      alarmDescription: description,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
    return alarm;
  }

  /** Every hour without a `SnapshotPublished` breaches; N such hours in a row mean stale data. */
  private addStaleData(props: PipelineAlarmsProps): void {
    const hours = props.staleAfterHours ?? defaults.staleAfterHours;
    const alarm = new cloudwatch.Alarm(this, 'StaleData', {
      metric: new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName: 'SnapshotPublished',
        dimensionsMap: { service: SERVICE_NAME, stage: props.stage, step: 'publish' },
        statistic: 'Sum',
        period: Duration.hours(1),
      }),
      alarmDescription: `pmpulse ${props.stage}: no snapshot published for ${hours} hours`,
      threshold: 1,
      evaluationPeriods: hours,
      datapointsToAlarm: hours,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    alarm.addOkAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
