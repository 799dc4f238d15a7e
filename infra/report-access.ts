import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { STAGING_MANIFEST } from '../functions/pipeline/staging.ts';

/** Where compute leaves its documents: `staging/` (the folder of the staging manifest). */
export const STAGING_PREFIX = STAGING_MANIFEST.slice(0, STAGING_MANIFEST.lastIndexOf('/') + 1);

/**
 * Lets a step read and write report objects, and nothing else: exact actions instead of the
 * wildcards of `bucket.grantReadWrite`. ListBucket is there so a missing `latest.json` or staging
 * manifest reads as "not found" rather than "access denied".
 */
export function grantReportsReadWrite(bucket: s3.Bucket, role: iam.Role): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: [bucket.arnForObjects('*')] }),
  );
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(bucket)}.Arn>/*]`,
    reason: 'The step writes new snapshot keys on every run; its access is limited to objects of the one reports bucket.',
  });
}

/**
 * Lets compute write its documents into `staging/` and nothing else: it never reads a report, so
 * it cannot overwrite a published snapshot or `latest.json` (publish alone moves staging there).
 */
export function grantStagingWrite(bucket: s3.Bucket, role: iam.Role): void {
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects(`${STAGING_PREFIX}*`)] }));
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(bucket)}.Arn>/${STAGING_PREFIX}*]`,
    reason: 'Compute writes one staging object per document, named by document; its access is limited to the staging/ prefix of the one reports bucket.',
  });
}

function logicalIdOf(bucket: s3.Bucket): string {
  const stack = Stack.of(bucket);
  return stack.resolve((bucket.node.defaultChild as s3.CfnBucket).logicalId) as string;
}

/**
 * Lets a role read published reports and nothing else: GetObject on the bucket's objects, and
 * ListBucket for the snapshot folders (the digest finds the one a week earlier by listing).
 */
export function grantReportsRead(bucket: s3.Bucket, role: iam.Role): void {
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')] }));
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(bucket)}.Arn>/*]`,
    reason: 'The digest reads the snapshots publish writes, named by publish time; its access is reading objects of the one reports bucket.',
  });
}
