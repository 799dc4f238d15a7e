import { Validations, type Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { defaults } from './defaults.ts';

export interface ReportsBucketProps {
  /**
   * What happens to the reports (and their access logs) when they leave the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * How long a replaced or deleted report version stays recoverable.
   * @default Duration.days(90)
   */
  readonly noncurrentVersionExpiration?: Duration;
  /**
   * How long server access logs are kept.
   * @default Duration.days(90)
   */
  readonly accessLogRetention?: Duration;
  /**
   * Encrypts the reports (SSE-KMS, with an S3 Bucket Key); its policy decides who can read them.
   * @default - SSE-S3, which any role with s3:GetObject can read
   */
  readonly encryptionKey?: kms.IKey;
}

/** Properties every pmpulse bucket shares: private, encrypted, TLS only (the data buckets replace SSE-S3 with SSE-KMS). */
export const privateBucket = {
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  // SSE-S3: the only encryption S3 server access logging can deliver into.
  encryption: s3.BucketEncryption.S3_MANAGED,
  enforceSSL: true,
  objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
} as const;

/** The published reports (snapshots, `latest.json`, staging), versioned, with access logs, its events sent to EventBridge. */
export class ReportsBucket extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogsBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: ReportsBucketProps = {}) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? defaults.dataRemovalPolicy;
    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogs', {
      ...privateBucket,
      removalPolicy,
      lifecycleRules: [{ expiration: props.accessLogRetention ?? defaults.accessLogRetention }],
    });
    Validations.of(this.accessLogsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it into another bucket would only repeat the chain.',
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...privateBucket,
      ...(props.encryptionKey ? { encryption: s3.BucketEncryption.KMS, encryptionKey: props.encryptionKey, bucketKeyEnabled: true } : {}),
      versioned: true,
      removalPolicy,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'reports/',
      lifecycleRules: [
        { noncurrentVersionExpiration: props.noncurrentVersionExpiration ?? defaults.noncurrentReportVersions },
        { abortIncompleteMultipartUploadAfter: defaults.abortIncompleteUploads },
      ],
    });
    // Object events to EventBridge (the site rebuild listens for latest.json), set natively:
    // `eventBridgeEnabled: true` would add a custom-resource Lambda for the same switch.
    (this.bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
  }
}
