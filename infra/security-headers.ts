import { Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';

/**
 * The headers every response of the site carries. The pages are static with charts rendered to
 * SVG at build time: nothing loads from another origin, so the policy allows only 'self', plus
 * inline styles and scripts because Astro inlines small ones (the table sorter, the stylesheets).
 */
export const securityHeaders: cloudfront.ResponseSecurityHeadersBehavior = {
  contentSecurityPolicy: {
    contentSecurityPolicy:
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    override: true,
  },
  strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, preload: false, override: true },
  contentTypeOptions: { override: true },
  frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
  referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
  xssProtection: { protection: true, modeBlock: true, override: true },
};
