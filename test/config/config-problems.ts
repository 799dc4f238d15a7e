import { ConfigError, parseConfig } from '../../functions/config/index.ts';

/** The problems `parseConfig` lists for a config, each with its key path; none for a valid one. */
export function problemsOf(config: unknown): string[] {
  try {
    parseConfig(config);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}
