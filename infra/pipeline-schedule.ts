import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { defaults } from './defaults.ts';

export interface PipelineScheduleProps {
  readonly function: lambda.IFunction;
  /** An EventBridge Scheduler expression: `rate(1 hour)`, `cron(0 5 * * ? *)`, `at(...)`. */
  readonly expression: string;
  /** Where an invoke the scheduler could not deliver goes. */
  readonly deadLetterQueue: sqs.IQueue;
  /** @default 'Etc/UTC' */
  readonly timeZone?: string;
  readonly description?: string;
}

/**
 * Invokes a step on a schedule with `{ kind: 'scheduled', scheduledAt }`, the firing time that
 * lets a retried compute still work on the day it was meant for.
 */
export class PipelineSchedule extends Construct {
  readonly schedule: scheduler.Schedule;
  /** The role the scheduler invokes with: this one function, and the dead-letter queue. */
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: PipelineScheduleProps) {
    super(scope, id);
    this.role = this.schedulerRole(props.function);
    const timeZone = TimeZone.of(props.timeZone ?? defaults.scheduleTimeZone);
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      schedule: scheduler.ScheduleExpression.expression(props.expression, timeZone),
      ...(props.description ? { description: props.description } : {}),
      target: new LambdaInvoke(props.function, {
        input: scheduler.ScheduleTargetInput.fromObject({
          kind: 'scheduled',
          scheduledAt: scheduler.ContextAttribute.scheduledTime,
        }),
        role: this.role,
        deadLetterQueue: props.deadLetterQueue,
        // Delivery retries only: the function's own retries and DLQ cover failed runs.
        retryAttempts: 2,
        maxEventAge: Duration.hours(1),
      }),
    });
  }

  private schedulerRole(fn: lambda.IFunction): iam.Role {
    const stack = Stack.of(this);
    const role = new iam.Role(this, 'Role', {
      // Only schedules of this account may use the role (confused-deputy guard).
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    });
    const functionLogicalId = stack.resolve((fn.node.defaultChild as lambda.CfnFunction).logicalId) as string;
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionLogicalId}.Arn>:*]`,
      reason: 'The invoke grant covers the versions and aliases of this one function; no other function is reachable.',
    });
    return role;
  }
}
