import * as z from 'zod';
import { ConfigError } from '../config/index.ts';
import { getSecretString, targetFromEnv } from './secrets-manager.ts';
import { issueLines } from '../runtime/zod-issues.ts';

/**
 * `{"JIRA_API_TOKEN": "arn:aws:secretsmanager:…", …}`: each source's `tokenEnv` name and the
 * secret that holds its token. The stack sets it on the sync function only.
 */
export const SECRETS_ENV = 'PMPULSE_SECRET_ARNS';

export type SecretReader = (secretId: string) => Promise<string>;

const SecretMapSchema = z.record(
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name'),
  z.string().startsWith('arn:', 'must be a secret ARN'),
);

/**
 * Reads every mapped secret once, at init, into the environment where `readToken` looks. The
 * values then live as long as the execution environment, so a warm run makes no Secrets Manager
 * call; a rotated token reaches the function with its next cold start.
 * Returns the names it set.
 */
export async function loadSecrets(env: NodeJS.ProcessEnv = process.env, read: SecretReader = (secretId) => readSecret(secretId, env)): Promise<string[]> {
  const text = env[SECRETS_ENV];
  if (text === undefined || text.trim() === '') return [];
  const map = parseSecretMap(text);
  const names = Object.keys(map).filter((name) => !env[name]);
  const values = await Promise.all(names.map((name) => read(map[name]!)));
  names.forEach((name, i) => (env[name] = values[i]));
  return names;
}

function parseSecretMap(text: string): Record<string, string> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(SECRETS_ENV, [`not valid JSON: ${(error as Error).message}`]);
  }
  const result = SecretMapSchema.safeParse(json);
  if (!result.success) {
    throw new ConfigError(SECRETS_ENV, issueLines(result.error));
  }
  return result.data;
}

/**
 * One secret's string value. With the credentials the Lambda runtime puts in the environment,
 * one signed request (no SDK client to load at init); otherwise the SDK and its credential chain,
 * loaded only then.
 */
export async function readSecret(secretId: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const target = targetFromEnv(env);
  const value = target ? await getSecretString(secretId, target) : await readSecretWithSdk(secretId);
  if (!value) throw new ConfigError(SECRETS_ENV, [`${secretId}: the secret has no string value yet`]);
  return value.trim();
}

async function readSecretWithSdk(secretId: string): Promise<string | undefined> {
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({});
  try {
    return (await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
  } finally {
    client.destroy();
  }
}
