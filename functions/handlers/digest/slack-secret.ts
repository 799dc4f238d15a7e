import * as z from 'zod';
import { SLACK_SECRET_ENV } from '../digest-env.ts';
import { parseSecretJson } from '../secret-json.ts';
import { readSecret, type SecretReader } from '../secrets.ts';

/**
 * The Slack webhook secret: `{"SLACK_WEBHOOK_LEADERSHIP": "https://hooks.slack.com/services/…", …}`,
 * the environment variable names the config's `digest.slack` keys name, each with its webhook URL.
 * A local run keeps the URLs in those variables; on AWS they are in this one secret, which only the
 * digest function may read.
 */
const WebhooksSchema = z.record(
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name'),
  // Checked without quoting the value: the URL is the credential.
  z.string().refine(isWebhookUrl, 'must be an https webhook URL (http only to loopback)'),
);

/** `https:`, or `http:` to this machine (a local stand-in), with a path: the rule of the source URLs. */
function isWebhookUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.username || url.password || url.pathname.length < 2) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname));
}

/**
 * Reads the webhook secret once, at init, into the environment where the config's `digest.slack`
 * names are looked up. The values live as long as the execution environment, so a warm run makes
 * no Secrets Manager call; a replaced URL reaches the function with its next cold start. A name
 * the environment already holds is left as it is. Returns the names it set.
 */
export async function loadSlackWebhooks(env: NodeJS.ProcessEnv = process.env, read: SecretReader = (secretId) => readSecret(secretId, env)): Promise<string[]> {
  const secretId = env[SLACK_SECRET_ENV];
  if (!secretId) return [];
  const webhooks = parseSecretJson(await read(secretId), WebhooksSchema, SLACK_SECRET_ENV, '{"<variable name>": "https://hooks.slack.com/services/…"}');
  const names = Object.keys(webhooks).filter((name) => !env[name]);
  for (const name of names) env[name] = webhooks[name];
  return names;
}

