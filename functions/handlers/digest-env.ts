/**
 * The environment the digest function reads besides the pipeline's (runtime-config.ts); the stack
 * sets these on the digest function only.
 */

/** The secret holding the Slack incoming-webhook URLs (digest-slack.ts gives its format). */
export const SLACK_SECRET_ENV = 'PMPULSE_DIGEST_SLACK_SECRET_ARN';
/** `config` or `cognito`: where the e-mail recipients of each audience come from. */
export const RECIPIENTS_ENV = 'PMPULSE_DIGEST_RECIPIENTS';
/** The site's user pool, read for recipients when `PMPULSE_DIGEST_RECIPIENTS` is `cognito`. */
export const USER_POOL_ENV = 'PMPULSE_DIGEST_USER_POOL_ID';

export const RECIPIENT_SOURCES = ['config', 'cognito'] as const;
export type RecipientSource = (typeof RECIPIENT_SOURCES)[number];

/** The metric the digest's delivery alarm watches: sends that failed in one run. */
export const DELIVERIES_FAILED_METRIC = 'DeliveriesFailed';
