import { ConfigError, type Config } from '../config/index.ts';
import { configTargets, reportLines, sendsMail, sesMailSender, slackWebhookPoster, type DeliveryReport, type DeliveryTargets, type Senders } from '../digest/send/index.ts';

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

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The targets and senders the config names, every secret read from the environment up front: a
 * missing or malformed webhook variable is a config error (exit 2) before anything is sent, and
 * it names the key and the variable, never the value.
 */
export function sendSetup(config: Config, values: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): { targets: DeliveryTargets; senders: Senders } {
  const targets = configTargets(config.digest, {
    people: config.people,
    slackPoster(kind, ref) {
      const key = `digest.slack.${kind}.webhookUrlEnv`;
      const url = env[ref.webhookUrlEnv];
      if (!url) throw new ConfigError('environment', [`${key}: environment variable ${ref.webhookUrlEnv} is not set`]);
      if (!/^https?:\/\/[^\s/]+\/\S*$/.test(url)) throw new ConfigError('environment', [`${key}: environment variable ${ref.webhookUrlEnv} does not hold an http(s) URL`]);
      return slackWebhookPoster(url, fetch, { label: `#${kind} (${ref.webhookUrlEnv})` });
    },
  });
  if (!sendsMail(config.digest)) return { targets, senders: {} };
  const endpoint = (values['ses-endpoint'] as string | undefined) ?? env.AWS_ENDPOINT_URL_SESV2;
  let local = false;
  if (endpoint !== undefined) {
    try {
      local = LOOPBACK.has(new URL(endpoint).hostname);
    } catch {
      throw new ConfigError('--ses-endpoint', [`not a URL: ${endpoint}`]);
    }
  }
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? (local ? 'us-east-1' : undefined);
  // The local stand-in checks that a request is signed, not by whom.
  const credentials = local && !env.AWS_ACCESS_KEY_ID ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined;
  return { targets, senders: { mail: sesMailSender({ ...(region ? { region } : {}), ...(endpoint ? { endpoint } : {}), ...(credentials ? { credentials } : {}) }) } };
}

/** Prints the report; answers the exit code: 1 when anything failed. */
export function printReport(report: DeliveryReport, what: string): number {
  for (const line of reportLines(report)) process.stdout.write(`${line}\n`);
  const sent = report.deliveries.filter((d) => d.status === 'sent').length;
  process.stdout.write(`${what}: ${sent} sent, ${report.failed} failed\n`);
  if (report.failed > 0) process.stderr.write(`pmpulse: ${report.failed} ${what} deliver${report.failed === 1 ? 'y' : 'ies'} failed (see above)\n`);
  return report.failed > 0 ? 1 : 0;
}

/**
 * `digest.recipients.pm` ids that are no PM of the snapshot: most likely a typo, whose PM would
 * silently get nothing. Said, not refused: a PM may be between projects this week.
 */
export function unknownPmRecipients(config: Config, pmIds: readonly string[]): string[] {
  const known = new Set(pmIds);
  return Object.keys(config.digest.recipients?.pm ?? {})
    .filter((id) => !known.has(id))
    .map((id) => `warning: digest.recipients.pm names "${id}", who is no PM in this snapshot; nothing is sent to them`);
}
