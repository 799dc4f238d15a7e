import { ConfigError, parseConfig, type Config } from '../config/index.ts';

/**
 * The environment a pipeline Lambda reads its configuration from; the stack sets all three. The
 * config there has no `people[].rate`: compute reads pay rates from their secret (people-rates.ts).
 */
export const CONFIG_ENV = 'PMPULSE_CONFIG';
export const TABLE_ENV = 'PMPULSE_TABLE';
export const REPORTS_BUCKET_ENV = 'PMPULSE_REPORTS_BUCKET';
/** The stage, a dimension of every metric (the stack's alarms select on it). */
export const STAGE_ENV = 'PMPULSE_STAGE';

/**
 * The config of a Lambda runtime: the JSON in `PMPULSE_CONFIG`, with the table and bucket the
 * stack created put in place of `store` and `reports`. The stack owns those names, so the config
 * JSON stays the same file a CLI user runs locally. Throws ConfigError naming the bad key.
 */
export function loadRuntimeConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return parseConfig(withResourceOverrides(readConfigJson(env), env), CONFIG_ENV);
}

function readConfigJson(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const text = env[CONFIG_ENV];
  if (text === undefined || text.trim() === '') {
    throw new ConfigError(CONFIG_ENV, ['environment variable is not set (expected the JSON config)']);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(CONFIG_ENV, [`not valid JSON: ${(error as Error).message}`]);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new ConfigError(CONFIG_ENV, ['(root): must be a JSON object']);
  }
  return json as Record<string, unknown>;
}

function withResourceOverrides(raw: Record<string, unknown>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const table = env[TABLE_ENV];
  const bucket = env[REPORTS_BUCKET_ENV];
  return {
    ...raw,
    ...(table ? { store: { type: 'dynamodb', table } } : {}),
    ...(bucket ? { reports: { type: 's3', bucket } } : {}),
  };
}
