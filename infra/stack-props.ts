import type { StackProps } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';

export interface PipelineSchedules {
  /** @default 'rate(1 hour)' */
  readonly sync?: string;
  /** @default 'cron(0 5 * * ? *)' (05:00 every day) */
  readonly compute?: string;
  /** @default 'cron(30 5 * * ? *)' (half an hour after compute, which fits its 15-minute timeout) */
  readonly publish?: string;
  /** @default 'Etc/UTC' */
  readonly timeZone?: string;
}

export const defaultSchedules = {
  sync: 'rate(1 hour)',
  compute: 'cron(0 5 * * ? *)',
  publish: 'cron(30 5 * * ? *)',
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
}
