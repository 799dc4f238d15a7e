import { isConfigError } from '../config/index.ts';
import { describeError, isPipelineError } from '../pipeline/index.ts';
import { parseCommandArgs, UsageError, type Command } from './command.ts';
import { computeCommand, publishCommand, runCommand, syncCommand } from './commands/pipeline.ts';
import { configCheckCommand } from './commands/config-check.ts';
import { siteBuildCommand, siteServeCommand } from './commands/site.ts';
import { demoCommand } from './commands/demo.ts';
import { sourcesInspectCommand } from './commands/sources-inspect.ts';
import { forgetCommand } from './commands/forget.ts';
import { digestCommand } from './commands/digest.ts';
import { alertsCommand } from './commands/alerts.ts';
import { storePackCommand } from './commands/store-pack.ts';

const commands: Command[] = [
  syncCommand,
  computeCommand,
  publishCommand,
  runCommand,
  demoCommand,
  siteBuildCommand,
  siteServeCommand,
  configCheckCommand,
  sourcesInspectCommand,
  forgetCommand,
  digestCommand,
  alertsCommand,
  storePackCommand,
];

function overview(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return `pmpulse — project-manager and portfolio KPIs from Jira, Asana and timesheets

Usage: pmpulse <command> [options]

Commands:
${commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Every command takes --help. Exit codes: 0 success, 1 failed run, 2 bad usage or config.
`;
}

/** Finds the command named by the first one or two words ("sync", "site build"). */
function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  const two = argv.slice(0, 2).join(' ');
  const byTwo = commands.find((command) => command.name === two);
  if (byTwo) return { command: byTwo, rest: argv.slice(2) };
  const byOne = commands.find((command) => command.name === argv[0]);
  return byOne ? { command: byOne, rest: argv.slice(1) } : undefined;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(overview());
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    process.stderr.write(`pmpulse: unknown command "${argv.slice(0, 2).join(' ')}"; see pmpulse --help\n`);
    return 2;
  }
  const { command, rest } = found;
  try {
    const { values, positionals } = parseCommandArgs(command, rest);
    if (values.help) {
      process.stdout.write(`${command.summary}\n\nUsage: ${command.usage}\n`);
      return 0;
    }
    return await command.run(values as Record<string, string | boolean | string[] | undefined>, positionals);
  } catch (error) {
    return reportError(command, error);
  }
}

function reportError(command: Command, error: unknown): number {
  if (error instanceof UsageError) {
    process.stderr.write(`pmpulse ${command.name}: ${error.message}; see pmpulse ${command.name} --help\n`);
    return 2;
  }
  process.stderr.write(`pmpulse ${command.name}: ${describeError(error)}\n`);
  if (isConfigError(error)) return 2;
  if (isPipelineError(error)) return error.exitCode;
  if (process.env.PMPULSE_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 1;
}
