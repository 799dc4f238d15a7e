import type { StackProps } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { RecipientSource } from '../functions/handlers/digest-env.ts';
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

/** Where the digest function finds the people each digest goes to by e-mail. */
export type DigestRecipientsSource = RecipientSource;

export interface DigestStackSettings {
  /**
   * When the weekly digests go out (an EventBridge Scheduler expression).
   * @default 'cron(0 7 ? * MON *)' (Monday 07:00)
   */
  readonly schedule?: string;
  /**
   * The zone `schedule` is read in.
   * @default - the config's `kpi.timeZone`, else `schedules.timeZone`, else 'Etc/UTC'
   */
  readonly timeZone?: string;
  /**
   * `config`: the addresses in the config's `digest.recipients`; `cognito`: the site's user pool
   * groups (leadership, strategy, and each PM by `custom:pmpulse_person`).
   * @default 'config'
   */
  readonly recipients?: DigestRecipientsSource;
  /**
   * Create the SES identity of `digest.email.from`'s domain in this stack (its DKIM records must
   * then be published). Otherwise the identity must already be verified in the account and region.
   * @default false
   */
  readonly createSenderIdentity?: boolean;
}

export const defaultDigestSchedule = 'cron(0 7 ? * MON *)';

/** Where the pipeline's compute step runs (docs/deploy.md, Measured limits). */
export const COMPUTE_RUNNERS = ['lambda', 'fargate'] as const;
export type ComputeRunsOn = (typeof COMPUTE_RUNNERS)[number];

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
   * The weekly digests and the alerts after each publish (docs/deploy.md, Digests and alerts on AWS).
   * @default - Monday 07:00, recipients from the config, an existing SES identity
   */
  readonly digests?: DigestStackSettings;
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
   * Where compute runs: `lambda`, the compute function (1,769 MB, at most 15 minutes), or
   * `fargate`, an ECS task on Fargate (2 vCPU, 16 GiB, no time limit) started by the same state
   * machine with the same code, for a store past about 1.5M tasks (docs/deploy.md, Measured limits).
   * @default 'lambda'
   */
  readonly computeRunsOn?: ComputeRunsOn;
  /**
   * Sign in through the organisation's OpenID Connect provider.
   * @default - Cognito users, created by an administrator
   */
  readonly federation?: FederationProps;
}
