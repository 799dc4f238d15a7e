import { readFile } from 'node:fs/promises';
import { issueLines } from '../runtime/zod-issues.ts';
import { ConfigSchema, type Config } from './schema.ts';

/** A configuration problem: every issue with the key path it belongs to. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly file: string;
  readonly problems: readonly string[];
  constructor(file: string, problems: readonly string[]) {
    super(`${file}: ${problems.join('; ')}`);
    this.file = file;
    this.problems = problems;
  }
}

export function isConfigError(error: unknown): error is ConfigError {
  return error instanceof ConfigError;
}

/** Validates parsed JSON; throws ConfigError naming each bad key. */
export function parseConfig(value: unknown, file = 'config'): Config {
  const result = ConfigSchema.safeParse(value);
  if (result.success) return result.data;
  throw new ConfigError(file, issueLines(result.error));
}

export async function loadConfig(file: string): Promise<Config> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(file, [code === 'ENOENT' ? 'file not found' : `cannot read: ${code ?? String(error)}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, [`not valid JSON: ${(error as Error).message}`]);
  }
  return parseConfig(json, file);
}

/** Reads a source's token from the environment variable its config names. */
export function readToken(source: { name: string; tokenEnv?: string | undefined }, env: NodeJS.ProcessEnv = process.env): string {
  // A source without a token variable (a CSV export on disk) needs no credentials.
  if (source.tokenEnv === undefined) return '';
  const token = env[source.tokenEnv];
  if (!token) {
    throw new ConfigError('environment', [`sources.${source.name}.tokenEnv: environment variable ${source.tokenEnv} is not set`]);
  }
  return token;
}
