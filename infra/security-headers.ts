import { Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';

/**
 * The site's Content-Security-Policy. The pages are static with charts rendered to SVG at build
 * time: nothing loads from another origin, so everything is 'self'. Scripts come only from files
 * of the site (the build never inlines one: site/astro.config.mjs), so an injected inline script
 * does not run. Styles keep 'unsafe-inline': every page carries its CSS in a <style> block by
 * design (self-contained pages, `inlineStylesheets: 'always'`), and a PM's colour swatch sets its
 * colour in a style attribute (the SVG charts use presentation attributes, not styles); a style
 * cannot run code.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The headers every response of the site carries. */
export const securityHeaders: cloudfront.ResponseSecurityHeadersBehavior = {
  contentSecurityPolicy: { contentSecurityPolicy, override: true },
  strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, preload: false, override: true },
  contentTypeOptions: { override: true },
  frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
  referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
  // `X-XSS-Protection: 0`: the old XSS auditors could be turned against a page; the CSP replaces them.
  xssProtection: { protection: false, override: true },
};
