import { Stack } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface DataKeyProps {
  /** The stage, part of the key's alias. */
  readonly stage: string;
}

/**
 * What the account's administrators may do with the key: manage it, never use it. Without a
 * `kms:*` for the account, no IAM policy can open the reports; only the principals this key
 * policy names can. `PutKeyPolicy` stays with the administrators so the policy can be changed.
 */
export const keyAdministration = [
  'kms:CreateAlias', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*',
  'kms:Disable*', 'kms:Get*', 'kms:Delete*', 'kms:TagResource', 'kms:UntagResource',
  'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion', 'kms:RotateKeyOnDemand',
];

/**
 * What a role that writes objects under the key needs: GenerateDataKey for a new object, Decrypt
 * to read one, and Decrypt for some uploads too (multipart, S3 Bucket Keys). A writer that may not
 * read (compute) is held back by its S3 permissions, not here: it has no s3:GetObject.
 */
export const keyUse = ['kms:Decrypt', 'kms:GenerateDataKey'] as const;

/**
 * The customer-managed key of the data at rest: the reports and the site. Its policy admits by
 * name the roles that read or write them, and CloudFront reading the site bucket for this one
 * distribution; the account's administrators manage it but cannot use it.
 */
export class DataKey extends Construct {
  readonly key: kms.Key;
  readonly alias: kms.Alias;
  /**
   * The alias ARN, built from the stack's account and region only. The site bucket names the key
   * this way: the key policy names the distribution, the distribution its bucket, so a bucket
   * that referenced the key would close a cycle CloudFormation cannot create.
   */
  readonly aliasArn: string;

  constructor(scope: Construct, id: string, props: DataKeyProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.key = new kms.Key(this, 'Key', {
      enableKeyRotation: true,
      description: `pmpulse ${props.stage}: the reports and the site at rest`,
      policy: new iam.PolicyDocument({
        statements: [new iam.PolicyStatement({ sid: 'Administration', principals: [new iam.AccountRootPrincipal()], actions: keyAdministration, resources: ['*'] })],
      }),
    });
    this.alias = new kms.Alias(this, 'Alias', { aliasName: `alias/pmpulse/${props.stage}/data`, targetKey: this.key });
    this.aliasArn = stack.formatArn({ service: 'kms', resource: 'alias', resourceName: `pmpulse/${props.stage}/data` });
  }

  /** Lets `role` use the key for `actions`, in the key policy itself. */
  admit(sid: string, role: iam.IRole, actions: readonly string[]): void {
    this.key.addToResourcePolicy(new iam.PolicyStatement({ sid, principals: [role], actions: [...actions], resources: ['*'] }));
  }

  /**
   * CloudFront's Origin Access Control decrypts the site's objects for this distribution only
   * (`AWS:SourceArn`), and only objects of that bucket (S3's encryption context is the object's
   * ARN, or the bucket's with an S3 Bucket Key).
   */
  admitCloudFront(distribution: cloudfront.IDistribution, bucket: s3.IBucket): void {
    const stack = Stack.of(this);
    this.key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'CloudFrontReadsTheSite',
      principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
      actions: ['kms:Decrypt'],
      resources: ['*'],
      conditions: {
        StringEquals: {
          'AWS:SourceArn': stack.formatArn({ service: 'cloudfront', region: '', resource: 'distribution', resourceName: distribution.distributionId }),
        },
        StringLike: { 'kms:EncryptionContext:aws:s3:arn': [bucket.bucketArn, bucket.arnForObjects('*')] },
      },
    }));
  }

  /** SSE-KMS under this key (through its alias, see `aliasArn`), with an S3 Bucket Key to spare KMS requests. */
  encryptBucket(bucket: s3.Bucket): void {
    (bucket.node.defaultChild as s3.CfnBucket).bucketEncryption = {
      serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.aliasArn }, bucketKeyEnabled: true }],
    };
  }
}
