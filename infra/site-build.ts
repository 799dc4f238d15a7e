import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as assets from 'aws-cdk-lib/aws-s3-assets';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { defaults } from './defaults.ts';
import type { PrivacyConfig } from '../functions/config/privacy.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
/** What the build does not need from the working copy (installed, generated or local). */
const sourceExcludes = ['node_modules', '**/node_modules', '.git', '.tools', '.pmpulse', 'cdk.out', 'site/dist', '.astro', '**/.astro', 'test', 'bench', '.test-tmp', '*.changed.json'];

export interface SiteBuildProps {
  readonly reportsBucket: s3.IBucket;
  readonly siteBucket: s3.IBucket;
  readonly distribution: cloudfront.IDistribution;
  /** Encrypts the build's artifacts and logs. */
  readonly key: kms.IKey;
  /** Where a rebuild EventBridge could not start lands. */
  readonly deadLetterQueue: sqs.IQueue;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
  /** The stack config's `privacy` block, which the pages are built with (what a role without names sees). @default the defaults */
  readonly privacy?: Partial<PrivacyConfig>;
}

/** The environment variable carrying the `privacy` block (JSON) into the build's own pmpulse.config.json. */
export const SITE_BUILD_PRIVACY_ENV = 'PMPULSE_PRIVACY_JSON';

/**
 * Rebuilds the static site whenever publish flips `latest.json`: an S3 "Object Created" event
 * starts a CodeBuild project that builds the site from the S3 reports, syncs it to the site
 * bucket and invalidates the distribution. The source is this working copy, uploaded as an asset.
 */
export class SiteBuild extends Construct {
  readonly project: codebuild.Project;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: SiteBuildProps) {
    super(scope, id);
    const source = new assets.Asset(this, 'Source', { path: repoRoot, exclude: sourceExcludes });
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention ?? defaults.logRetention, removalPolicy: defaults.dataRemovalPolicy });
    this.project = new codebuild.Project(this, 'Project', {
      description: 'pmpulse: rebuild the site from the latest snapshot',
      source: codebuild.Source.s3({ bucket: source.bucket, path: source.s3ObjectKey }),
      environment: { buildImage: codebuild.LinuxArmBuildImage.AMAZON_LINUX_2023_STANDARD_3_0, computeType: codebuild.ComputeType.SMALL },
      environmentVariables: {
        PMPULSE_REPORTS_BUCKET: { value: props.reportsBucket.bucketName },
        PMPULSE_SITE_BUCKET: { value: props.siteBucket.bucketName },
        PMPULSE_DISTRIBUTION_ID: { value: props.distribution.distributionId },
        [SITE_BUILD_PRIVACY_ENV]: { value: JSON.stringify(props.privacy ?? {}) },
      },
      buildSpec: codebuild.BuildSpec.fromObject(siteBuildSpec),
      encryptionKey: props.key,
      timeout: Duration.minutes(20),
      // A new latest.json while a build runs queues the next build instead of racing it.
      concurrentBuildLimit: 1,
      logging: { cloudWatch: { logGroup } },
    });
    this.grantAccess(props);
    this.rule = new events.Rule(this, 'OnPublish', {
      description: 'pmpulse: latest.json was written',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: { bucket: { name: [props.reportsBucket.bucketName] }, object: { key: ['latest.json'] } },
      },
      targets: [new targets.CodeBuildProject(this.project, { deadLetterQueue: props.deadLetterQueue, retryAttempts: 2, maxEventAge: Duration.hours(1) })],
    });
  }

  private grantAccess(props: SiteBuildProps): void {
    const role = this.project.role!;
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [props.reportsBucket.arnForObjects('*')] }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], resources: [props.siteBucket.arnForObjects('*')] }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [props.reportsBucket.bucketArn, props.siteBucket.bucketArn] }));
    const stack = Stack.of(this);
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['cloudfront:CreateInvalidation'],
      resources: [stack.formatArn({ service: 'cloudfront', region: '', resource: 'distribution', resourceName: props.distribution.distributionId })],
    }));
    const id = (construct: Construct) => stack.resolve((construct.node.defaultChild as CfnResource).logicalId) as string;
    const project = id(this.project);
    const findings: Record<string, string> = {
      [`Resource::<${id(props.reportsBucket)}.Arn>/*`]: 'The build reads whichever snapshot latest.json names: read access to objects of the reports bucket only.',
      [`Resource::<${id(props.siteBucket)}.Arn>/*`]: 'The build replaces the pages of the site: objects of the site bucket only.',
      'Action::s3:GetObject*': 'CodeBuild reads its source, the CDK asset of this app, from the bootstrap asset bucket (grant made by Source.s3).',
      'Action::s3:GetBucket*': 'CodeBuild reads its source, the CDK asset of this app, from the bootstrap asset bucket (grant made by Source.s3).',
      'Action::s3:List*': 'CodeBuild reads its source, the CDK asset of this app, from the bootstrap asset bucket (grant made by Source.s3).',
      [`Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/codebuild/<${project}>:*`]: "CodeBuild's default log grant, for the log streams of this one project.",
      [`Resource::arn:<AWS::Partition>:codebuild:<AWS::Region>:<AWS::AccountId>:report-group/<${project}>-*`]: "CodeBuild's default report-group grant, named after this one project.",
      'Action::kms:ReEncrypt*': 'Encrypting build artifacts with the stack key, that one key only.',
      'Action::kms:GenerateDataKey*': 'Encrypting build artifacts with the stack key, that one key only.',
    };
    for (const [finding, reason] of Object.entries(findings)) Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
  }
}

/**
 * The Node the site build runs on: one exact release of the official linux-arm64 build (the
 * image is arm64), checked against the SHA-256 nodejs.org publishes for it before it is unpacked.
 * To move to a newer release, change both together: the version from https://nodejs.org/dist/,
 * and the `node-v<version>-linux-arm64.tar.xz` line of that release's SHASUMS256.txt (whose
 * signature, SHASUMS256.txt.sig, `gpg --verify` checks against the Node.js release keys).
 * Not the image's `runtime-versions`: which Node an image offers, and which minor of it, changes
 * with the image; the sources need Node >= 22.18 to run TypeScript directly.
 */
export const siteBuildNode = {
  version: '24.21.0',
  sha256: '6ad1325edbdb5649c379b75a237147a666c95d4f9ae8d340fef2d1575d289ad2',
} as const;

const nodeName = `node-v${siteBuildNode.version}-linux-arm64`;
const nodeArchive = `${nodeName}.tar.xz`;
const withPinnedNode = `export PATH="$CODEBUILD_SRC_DIR/.tools/${nodeName}/bin:$PATH"`;

/**
 * Node from its checked archive, then the dependencies exactly as the lockfile pins them, with no
 * install scripts (the two packages that have one, esbuild and classic-level, find their prebuilt
 * binaries without it, and the site build loads neither's script output); then the site from the
 * S3 reports, the bucket in step with it and the cache cleared.
 */
export const siteBuildSpec = {
  version: '0.2',
  phases: {
    install: {
      commands: [
        'mkdir -p .tools',
        `curl --fail --silent --show-error --location --output ".tools/${nodeArchive}" "https://nodejs.org/dist/v${siteBuildNode.version}/${nodeArchive}"`,
        `(cd .tools && echo "${siteBuildNode.sha256}  ${nodeArchive}" | sha256sum --check --strict -)`,
        `tar -xJf ".tools/${nodeArchive}" -C .tools`,
        withPinnedNode,
        `test "$(node --version)" = "v${siteBuildNode.version}"`,
        'npm ci --omit=dev --ignore-scripts --no-audit --no-fund',
      ],
    },
    build: {
      commands: [
        // Each phase says which Node it means, whatever the shell kept from the last one.
        withPinnedNode,
        // The build's own config: where the reports are, and the stack config's privacy block (a JSON object, passed as a printf argument, so never read as a format).
        `printf '{"reports":{"type":"s3","bucket":"%s"},"privacy":%s}' "$PMPULSE_REPORTS_BUCKET" "$${SITE_BUILD_PRIVACY_ENV}" > pmpulse.config.json`,
        'node bin/pmpulse.js site build --snapshot latest --out site-dist --config pmpulse.config.json',
        // Pages are revalidated on every visit: the edge serves a PM the anonymised twin at the same
        // address, so a cached page must not outlive a change of role. Assets are content-hashed.
        'aws s3 sync site-dist "s3://$PMPULSE_SITE_BUCKET" --delete --exclude "_astro/*" --cache-control "private, no-cache"',
        'aws s3 sync site-dist/_astro "s3://$PMPULSE_SITE_BUCKET/_astro" --delete --cache-control "private, max-age=31536000, immutable"',
        'aws cloudfront create-invalidation --distribution-id "$PMPULSE_DISTRIBUTION_ID" --paths "/*"',
      ],
    },
  },
};
