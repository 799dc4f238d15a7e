export { sesMailSender, MailError, isMailError, type Mail, type MailSender, type SesOptions } from './mail.ts';
export { slackWebhookPoster, SlackWebhookError, SlackRateLimitError, isSlackWebhookError, type SlackPoster, type SlackPosterOptions } from './slack-webhook.ts';
export type { SlackMessage } from '../render/slack.ts';
export { deliverDigests, deliverDigest, type DeliveryTargets, type Senders } from './deliver.ts';
export { deliverAlerts, pmAlertDigests } from './alerts.ts';
export { reportLines, type Channel, type Delivery, type DeliveryReport } from './report.ts';
export { subjectOf } from './subject.ts';
export { configTargets, sendsMail, type ConfigTargetsOptions } from './config-targets.ts';
export { sendSetup, unknownPmRecipients } from './setup.ts';
