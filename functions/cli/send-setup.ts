import type { Config } from '../config/index.ts';
import { reportLines, type DeliveryReport, type DeliveryTargets, type Senders } from '../digest/send/index.ts';
import { sendSetup as setupFromConfig } from '../digest/send/setup.ts';

export { unknownPmRecipients } from '../digest/send/setup.ts';

/** The `--send` options `pmpulse digest` and `pmpulse alerts` share. */
export const sendOptions = {
  send: { type: 'boolean', default: false },
  'ses-endpoint': { type: 'string' },
} as const;

export const SEND_USAGE = `With --send, delivers through Amazon SES (config digest.email.from, digest.recipients) and the
Slack incoming webhooks whose URLs are in the environment variables config digest.slack names,
prints what went where, and exits 1 when any delivery failed (after trying every one).
--ses-endpoint URL (or AWS_ENDPOINT_URL_SESV2) sends to another SES v2 endpoint, such as the local
stand-in in demo/servers/ses-server.ts; a loopback endpoint needs no AWS credentials.`;

/** Prints the report; answers the exit code: 1 when anything failed. */
export function printReport(report: DeliveryReport, what: string): number {
  for (const line of reportLines(report)) process.stdout.write(`${line}\n`);
  const sent = report.deliveries.filter((d) => d.status === 'sent').length;
  process.stdout.write(`${what}: ${sent} sent, ${report.failed} failed\n`);
  if (report.failed > 0) process.stderr.write(`pmpulse: ${report.failed} ${what} deliver${report.failed === 1 ? 'y' : 'ies'} failed (see above)\n`);
  return report.failed > 0 ? 1 : 0;
}

/** The targets and senders of `--send`: the config's, with `--ses-endpoint` when given. */
export function sendSetup(config: Config, values: Record<string, unknown>): { targets: DeliveryTargets; senders: Senders } {
  const sesEndpoint = values['ses-endpoint'] as string | undefined;
  return setupFromConfig(config, sesEndpoint === undefined ? {} : { sesEndpoint });
}
