import { loadConfig, isConfigError } from '../../config/index.ts';
import type { Command } from '../command.ts';
import { coverageLines, duplicateRuleLines, readStoredProjects } from './rule-coverage.ts';

export const configCheckCommand: Command = {
  name: 'config check',
  summary: 'Validate a config file and print every problem with its key path',
  usage: `pmpulse config check [FILE]

FILE defaults to ./pmpulse.config.json. Exit 0 when valid, 2 with one line per problem otherwise.
Also reports source tokens whose environment variable is not set, and projectRules that never
decide anything: from the config alone (a rule an earlier one repeats), and against the projects
already in the store (a rule that matches none, or whose projects a more specific rule decides).
An empty store, or one that cannot be read, is said so; the rules are then checked on the config only.`,
  options: {},
  async run(_values, positionals) {
    const file = positionals[0] ?? './pmpulse.config.json';
    try {
      const config = await loadConfig(file);
      const missing = config.sources.filter((source) => source.tokenEnv !== undefined && !process.env[source.tokenEnv]);
      for (const source of missing) {
        process.stderr.write(`warning: sources.${source.name}: environment variable ${source.tokenEnv} is not set\n`);
      }
      if (config.projectRules.length) await checkRules(config);
      const rules = config.projectRules.length ? `, ${config.projectRules.length} project rules` : '';
      process.stdout.write(`${file}: ok (${config.sources.length} sources, ${config.themes.length} themes${rules})\n`);
      return 0;
    } catch (error) {
      if (!isConfigError(error)) throw error;
      for (const problem of error.problems) process.stderr.write(`${error.file}: ${problem}\n`);
      return 2;
    }
  },
};

async function checkRules(config: Awaited<ReturnType<typeof loadConfig>>): Promise<void> {
  for (const line of duplicateRuleLines(config.projectRules)) process.stderr.write(`warning: ${line}\n`);
  const stored = await readStoredProjects(config);
  if ('unavailable' in stored) {
    process.stderr.write(`note: projectRules not checked against projects: the store cannot be read (${stored.unavailable})\n`);
  } else if (stored.projects.length === 0) {
    process.stderr.write('note: projectRules not checked against projects: the store holds none yet (run `pmpulse sync`, then check again)\n');
  } else {
    for (const line of coverageLines(config.projectRules, stored.projects)) process.stderr.write(`warning: ${line}\n`);
  }
}
