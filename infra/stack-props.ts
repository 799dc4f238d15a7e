import type { StackProps } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { FederationProps } from './site-auth.ts';

export interface PipelineSchedules {
  /**
   * When a pipeline run (sync every source, compute, publish, build the site) starts; each step
   * follows the one before as soon as it is done.
   * @default 'cron(0 5 * * ? *)' (05:00 every day)
   */
  readonly pipeline?: string;
  /** @default 'Etc/UTC' */
  readonly timeZone?: string;
}

export const defaultSchedules = {
  pipeline: 'cron(0 5 * * ? *)',
  timeZone: 'Etc/UTC',
} as const satisfies Required<PipelineSchedules>;

export interface PmpulseStackProps extends StackProps {
  /**
   * The deployment stage, part of resource descriptions and outputs.
   * @default 'dev'
   */
  readonly stage?: string;
  /**
   * The pmpulse config (sources, themes, people) the functions run with, as `pmpulse.config.json`
   * holds it. Its `store` and `reports` are replaced by this stack's table and bucket.
   * @default {}
   */
  readonly pipelineConfig?: unknown;
  /** @default defaultSchedules */
  readonly schedules?: PipelineSchedules;
  /**
   * Protect the table against deletion.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /**
   * Secrets that already hold connector tokens, by `tokenEnv` name (complete ARNs).
   * @default {} - the stack creates `pmpulse/<stage>/<tokenEnv>` for each token
   */
  readonly connectorSecretArns?: Readonly<Record<string, string>>;
  /**
   * Hours without a published snapshot before the stale-data alarm (1–168).
   * @default 26
   */
  readonly staleAfterHours?: number;
  /**
   * Subscribed to the alarm topic.
   * @default - none; subscribe to the AlarmTopicArn output
   */
  readonly alarmEmail?: string;
  /**
   * Prefix of the sign-in domain `<prefix>.auth.<region>.amazoncognito.com` (unique per region).
   * @default 'pmpulse-<stage>-<account id>'
   */
  readonly authDomainPrefix?: string;
  /**
   * Sign in through the organisation's OpenID Connect provider.
   * @default - Cognito users, created by an administrator
   */
  readonly federation?: FederationProps;
}
