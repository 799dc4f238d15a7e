import { loadConfig, isConfigError } from '../../config/index.ts';
import type { Command } from '../command.ts';

export const configCheckCommand: Command = {
  name: 'config check',
  summary: 'Validate a config file and print every problem with its key path',
  usage: `pmpulse config check [FILE]

FILE defaults to ./pmpulse.config.json. Exit 0 when valid, 2 with one line per problem otherwise.
Also reports source tokens whose environment variable is not set.`,
  options: {},
  async run(_values, positionals) {
    const file = positionals[0] ?? './pmpulse.config.json';
    try {
      const config = await loadConfig(file);
      const missing = config.sources.filter((source) => source.tokenEnv !== undefined && !process.env[source.tokenEnv]);
      for (const source of missing) {
        process.stderr.write(`warning: sources.${source.name}: environment variable ${source.tokenEnv} is not set\n`);
      }
      process.stdout.write(`${file}: ok (${config.sources.length} sources, ${config.themes.length} themes)\n`);
      return 0;
    } catch (error) {
      if (!isConfigError(error)) throw error;
      for (const problem of error.problems) process.stderr.write(`${error.file}: ${problem}\n`);
      return 2;
    }
  },
};
