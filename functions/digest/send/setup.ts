/**
 * Where digests and alerts go, from the config and the environment: shared by `pmpulse digest
 * --send`, `pmpulse alerts --send` and the digest function on AWS.
 */
import { ConfigError, type Config } from '../../config/index.ts';
import { configTargets, sendsMail } from './config-targets.ts';
import type { DeliveryTargets, Senders } from './deliver.ts';
import { sesMailSender } from './mail.ts';
import { slackWebhookPoster } from './slack-webhook.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The targets and senders the config names, every secret read from the environment up front: a
 * missing or malformed webhook variable is a config error (exit 2) before anything is sent, and
 * it names the key and the variable, never the value.
 */
export function sendSetup(config: Config, options: { sesEndpoint?: string } = {}, env: NodeJS.ProcessEnv = process.env): { targets: DeliveryTargets; senders: Senders } {
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
  const endpoint = options.sesEndpoint ?? env.AWS_ENDPOINT_URL_SESV2;
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
