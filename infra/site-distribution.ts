import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { defaults } from './defaults.ts';
import { authRoutesSource, viewerAuthSource } from './edge/sources.ts';
import { privateBucket } from './reports-bucket.ts';
import { securityHeaders } from './security-headers.ts';

export interface SiteDistributionProps {
  /** Where the site bucket's server access logs go. */
  readonly accessLogsBucket: s3.IBucket;
  /** The sign-in function's URL, served under `/_auth/*`. */
  readonly signInUrl: lambda.IFunctionUrl;
  /** @default PriceClass.PRICE_CLASS_100 (North America and Europe) */
  readonly priceClass?: cloudfront.PriceClass;
}

/**
 * The private site: a bucket only CloudFront can read (Origin Access Control), a CloudFront
 * Function that admits a request only with a valid session cookie and serves what the person's
 * roles allow, the sign-in function behind `/_auth/*` (also through OAC, with its own function that
 * admits its routes only), and security headers on every response.
 */
export class SiteDistribution extends Construct {
  readonly bucket: s3.Bucket;
  readonly logsBucket: s3.Bucket;
  readonly keyValueStore: cloudfront.KeyValueStore;
  readonly viewerAuth: cloudfront.Function;
  readonly authRoutes: cloudfront.Function;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: SiteDistributionProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...privateBucket,
      versioned: true,
      removalPolicy: defaults.dataRemovalPolicy,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 'site/',
      // The site is rebuilt from the reports at any time; old pages need not stay long.
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }, { abortIncompleteMultipartUploadAfter: defaults.abortIncompleteUploads }],
    });
    this.logsBucket = this.cloudFrontLogsBucket();
    this.keyValueStore = new cloudfront.KeyValueStore(this, 'Keys', { comment: 'pmpulse site session key' });
    this.viewerAuth = new cloudfront.Function(this, 'ViewerAuth', {
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'pmpulse: admit signed-in users, per role',
      code: cloudfront.FunctionCode.fromInline(viewerAuthSource(this.keyValueStore.keyValueStoreId)),
      keyValueStore: this.keyValueStore,
    });
    this.authRoutes = new cloudfront.Function(this, 'AuthRoutes', {
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'pmpulse: the sign-in routes only',
      code: cloudfront.FunctionCode.fromInline(authRoutesSource()),
    });
    this.distribution = this.createDistribution(props);
  }

  private createDistribution(props: SiteDistributionProps): cloudfront.Distribution {
    const viewerRequest = (fn: cloudfront.IFunction) => [{ function: fn, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }];
    const responseHeadersPolicy = new cloudfront.ResponseHeadersPolicy(this, 'Headers', { securityHeadersBehavior: securityHeaders });
    const distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'pmpulse site',
      defaultRootObject: 'index.html',
      priceClass: props.priceClass ?? cloudfront.PriceClass.PRICE_CLASS_100,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: this.logsBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy,
        functionAssociations: viewerRequest(this.viewerAuth),
      },
      additionalBehaviors: {
        '/_auth/*': {
          origin: origins.FunctionUrlOrigin.withOriginAccessControl(props.signInUrl),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          // Sign-out is a POST; the function admits it on /_auth/logout only.
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          // The function URL must see its own Host (it is signed); the viewer's travels in x-pmpulse-host.
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy,
          functionAssociations: viewerRequest(this.authRoutes),
        },
      },
    });
    this.acknowledge(distribution);
    return distribution;
  }

  /** CloudFront standard logs are delivered with ACLs, so this bucket alone keeps them enabled. */
  private cloudFrontLogsBucket(): s3.Bucket {
    const bucket = new s3.Bucket(this, 'CloudFrontLogs', {
      ...privateBucket,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      removalPolicy: defaults.dataRemovalPolicy,
      lifecycleRules: [{ expiration: defaults.siteLogRetention }],
    });
    Validations.of(bucket).acknowledge({ id: 'AwsSolutions-S1', reason: 'This bucket receives the CloudFront access logs; logging it into another bucket would only repeat the chain.' });
    return bucket;
  }

  private acknowledge(distribution: cloudfront.Distribution): void {
    const validations = Validations.of(distribution);
    validations.acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Access is limited to signed-in users of the organisation, wherever they travel; a country list would add nothing.',
    });
    validations.acknowledge({
      id: 'AwsSolutions-CFR2',
      reason: 'Every request needs a valid signed session cookie, checked at the edge before the origin; a CloudFront WAF ACL (us-east-1 only, from 5 USD a month) would guard a handful of static pages. Add one with webAclId if the organisation mandates it.',
    });
    validations.acknowledge({
      id: 'AwsSolutions-CFR4',
      reason: 'The distribution uses its default *.cloudfront.net certificate, whose TLS policy CloudFront fixes; a custom domain with an ACM certificate (TLSv1.2_2021) is the way to raise it.',
    });
  }
}
