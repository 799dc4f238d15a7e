import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/**
 * The secure, cost-aware defaults of every pmpulse resource, in one place: a construct prop that
 * is not given falls back to these, and a test can read them.
 */
export const defaults = {
  /** Data (table, reports) outlives a stack deletion; logs and queues do not matter as much. */
  dataRemovalPolicy: RemovalPolicy.RETAIN,
  deletionProtection: true,
  logRetention: RetentionDays.ONE_MONTH,
  accessLogRetention: Duration.days(90),
  /** Older report versions stay recoverable for a while, then stop costing. */
  noncurrentReportVersions: Duration.days(90),
  abortIncompleteUploads: Duration.days(7),
  failedRunRetention: Duration.days(14),
  runtime: lambda.Runtime.NODEJS_24_X,
  architecture: lambda.Architecture.ARM_64,
  memorySize: 512,
  timeout: Duration.minutes(5),
  /** How long an asynchronous invoke may wait (e.g. throttled behind a running one) before it goes to the DLQ. */
  maxEventAge: Duration.hours(2),
  retryAttempts: 2,
  scheduleTimeZone: 'Etc/UTC',
  /** A daily publish plus two hours of slack before the stale-data alarm. */
  staleAfterHours: 26,
  /** CloudFront access logs of the site. */
  siteLogRetention: Duration.days(90),
} as const;

/**
 * Local esbuild, never Docker. ESM because the sources are ESM; the AWS SDK comes with the
 * runtime, and dynalite is the local store only (the store imports it dynamically).
 */
export const bundling: BundlingOptions = {
  forceDockerBundling: false,
  format: OutputFormat.ESM,
  target: 'node24',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  externalModules: ['@aws-sdk/*', 'dynalite'],
  // Bundled CommonJS dependencies may call require(); ESM has none unless we create it.
  banner: "import { createRequire as pmpulseCreateRequire } from 'node:module'; const require = pmpulseCreateRequire(import.meta.url);",
};
