import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { defaults } from './defaults.ts';

export interface PipelineScheduleProps {
  readonly stateMachine: sfn.IStateMachine;
  /** An EventBridge Scheduler expression: `rate(1 day)`, `cron(0 5 * * ? *)`, `at(...)`. */
  readonly expression: string;
  /** Where a start the scheduler could not deliver goes. */
  readonly deadLetterQueue: sqs.IQueue;
  /** @default 'Etc/UTC' */
  readonly timeZone?: string;
  readonly description?: string;
}

/**
 * Starts the pipeline's state machine on a schedule with `{ scheduledAt }`, the firing time: a run
 * that syncs past midnight still computes the day it was meant for. No flexible window, so runs
 * start when the expression says and a second one never slips closer to the first.
 */
export class PipelineSchedule extends Construct {
  readonly schedule: scheduler.Schedule;
  /** The role the scheduler starts executions with: this one state machine, and the dead-letter queue. */
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: PipelineScheduleProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      // Only schedules of this account may use the role (confused-deputy guard).
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    });
    const timeZone = TimeZone.of(props.timeZone ?? defaults.scheduleTimeZone);
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      schedule: scheduler.ScheduleExpression.expression(props.expression, timeZone),
      timeWindow: scheduler.TimeWindow.off(),
      ...(props.description ? { description: props.description } : {}),
      target: new StepFunctionsStartExecution(props.stateMachine, {
        input: scheduler.ScheduleTargetInput.fromObject({ scheduledAt: scheduler.ContextAttribute.scheduledTime }),
        role: this.role,
        deadLetterQueue: props.deadLetterQueue,
        // Delivery retries only: the state machine retries its own steps.
        retryAttempts: 2,
        maxEventAge: Duration.hours(1),
      }),
    });
  }
}
