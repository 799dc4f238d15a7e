import type * as z from 'zod';
import { ConfigError } from '../config/index.ts';
import { issueLines } from '../runtime/zod-issues.ts';

/**
 * A secret's JSON value checked against its schema; a problem is a ConfigError naming `key`.
 * JSON.parse quotes the text it failed on, and a secret's text is the secret (pay rates, webhook
 * URLs), so the error says only what shape was expected (`expected`).
 */
export function parseSecretJson<T>(text: string, schema: z.ZodType<T>, key: string, expected: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError(key, [`not valid JSON (expected ${expected})`]);
  }
  const result = schema.safeParse(json);
  if (!result.success) throw new ConfigError(key, issueLines(result.error));
  return result.data;
}
