import { RemovalPolicy, Validations, type Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { defaults } from './defaults.ts';

export interface FailureQueueProps {
  /** @default Duration.days(14) */
  readonly retentionPeriod?: Duration;
}

/**
 * Where failed runs end up: the pipeline state machine's failure reports (execution, error and
 * cause), Lambda's on-failure destination for an invoke by hand (event, error and attempts) and
 * the schedule's dead-letter queue (a start that never reached the state machine).
 */
export class FailureQueue extends Construct {
  readonly queue: sqs.Queue;

  constructor(scope: Construct, id: string, props: FailureQueueProps = {}) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: props.retentionPeriod ?? defaults.failedRunRetention,
      // Failed-run records are diagnostics, not data.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter queue of the pipeline; nothing consumes it automatically.',
    });
  }
}
