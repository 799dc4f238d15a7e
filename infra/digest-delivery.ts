import { Duration, SecretValue, Stack, TimeZone, Validations, type CfnResource } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { RECIPIENTS_ENV, SLACK_SECRET_ENV, USER_POOL_ENV, type RecipientSource } from '../functions/handlers/digest-env.ts';
import { senderDomain, senderIdentityArns } from './digest-sender.ts';
import { PipelineFunction } from './pipeline-function.ts';

export interface DigestDeliveryProps {
  readonly stage: string;
  /** The pipeline functions' environment (config, table, bucket, stage). */
  readonly environment: Record<string, string>;
  readonly failureQueue: sqs.IQueue;
  /** The weekly run: an EventBridge Scheduler expression and the zone it is read in. */
  readonly schedule: string;
  readonly timeZone: string;
  /** `digest.email.from`'s address; without it the function sends no e-mail and may not. */
  readonly senderAddress?: string | undefined;
  /** Create the SES identity of the sender's domain here (see stack-props.ts). */
  readonly createSenderIdentity?: boolean;
  readonly recipients: RecipientSource;
  /** The site's user pool: read for recipients when `recipients` is `cognito`. */
  readonly userPool: cognito.IUserPool;
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The digest function, run by the pipeline after each publish (`alerts`) and once a week by its own
 * schedule (`digest`); the Slack webhook secret only it may read; sending as the one configured
 * SES sender; and, when recipients come from Cognito, listing the site's groups. The stack grants
 * it the reports (read only) and the alert-state items (stack `grantAccess`).
 */
export class DigestDelivery extends Construct {
  readonly function: PipelineFunction;
  /** `{"<name>": "https://hooks.slack.com/services/…"}`, set by the operator after deploy. */
  readonly slackSecret: secretsmanager.Secret;
  readonly schedule: scheduler.Schedule;
  readonly scheduleRole: iam.Role;
  readonly senderIdentity: ses.EmailIdentity | undefined;

  constructor(scope: Construct, id: string, props: DigestDeliveryProps) {
    super(scope, id);
    this.slackSecret = new secretsmanager.Secret(this, 'SlackWebhooks', {
      secretName: `pmpulse/${props.stage}/digest-slack`,
      description: `pmpulse ${props.stage}: the Slack incoming-webhook URLs the digest function posts to`,
      // Nothing secret in the template: the URLs are put in after deploy (docs/deploy.md).
      secretStringValue: SecretValue.unsafePlainText('{}'),
    });
    Validations.of(this.slackSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'A Slack incoming-webhook URL is issued by Slack, not by AWS: it is revoked and reissued there and stored here with put-secret-value (docs/deploy.md).',
    });
    this.function = new PipelineFunction(this, 'Function', {
      step: 'digest',
      failureQueue: props.failureQueue,
      environment: {
        ...props.environment,
        [SLACK_SECRET_ENV]: this.slackSecret.secretArn,
        [RECIPIENTS_ENV]: props.recipients,
        ...(props.recipients === 'cognito' ? { [USER_POOL_ENV]: props.userPool.userPoolId } : {}),
      },
      timeout: Duration.minutes(5),
      ...(props.logRetention === undefined ? {} : { logRetention: props.logRetention }),
    });
    const role = this.function.role;
    this.slackSecret.grantRead(role);
    this.senderIdentity = props.senderAddress && props.createSenderIdentity
      ? new ses.EmailIdentity(this, 'Sender', { identity: ses.Identity.domain(senderDomain(props.senderAddress)) })
      : undefined;
    if (props.senderAddress) this.allowSending(role, props.senderAddress);
    if (props.recipients === 'cognito') {
      role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['cognito-idp:ListUsersInGroup'], resources: [props.userPool.userPoolArn] }));
    }
    this.scheduleRole = new iam.Role(this, 'ScheduleRole', {
      // Only schedules of this account may use the role (confused-deputy guard).
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } } }),
    });
    this.schedule = new scheduler.Schedule(this, 'Weekly', {
      schedule: scheduler.ScheduleExpression.expression(props.schedule, TimeZone.of(props.timeZone)),
      timeWindow: scheduler.TimeWindow.off(),
      description: `pmpulse ${props.stage}: the weekly digests`,
      target: new LambdaInvoke(this.function.function, {
        input: scheduler.ScheduleTargetInput.fromObject({ mode: 'digest', scheduledAt: scheduler.ContextAttribute.scheduledTime }),
        role: this.scheduleRole,
        deadLetterQueue: props.failureQueue,
        // Delivery retries only: a run that fails is retried by Lambda and then lands in the failure queue.
        retryAttempts: 2,
        maxEventAge: Duration.hours(1),
      }),
    });
    this.acknowledgeFindings();
  }

  /**
   * SendEmail as this one address and no other: on the identities it can be verified as (the
   * address, its domain), with `ses:FromAddress` pinned, so even a domain identity cannot be used
   * to send as someone else at that domain.
   */
  private allowSending(role: iam.Role, address: string): void {
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['ses:SendEmail'],
      resources: senderIdentityArns(this, address),
      conditions: { StringEquals: { 'ses:FromAddress': address } },
    }));
  }

  private acknowledgeFindings(): void {
    const stack = Stack.of(this);
    const fnId = stack.resolve((this.function.function.node.defaultChild as CfnResource).logicalId) as string;
    Validations.of(this.scheduleRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${fnId}.Arn>:*]`,
      reason: 'The scheduler may invoke the versions and aliases of the digest function only.',
    });
  }
}
