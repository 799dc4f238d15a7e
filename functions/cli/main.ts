import { isConfigError } from '../config/load.ts';
import { describeError, isPipelineError } from '../pipeline/errors.ts';
import { parseCommandArgs, UsageError, type Command } from './command.ts';
import { commandList, type CommandEntry } from './command-list.ts';

async function overview(): Promise<string> {
  const commands = await Promise.all(commandList.map((entry) => entry.load()));
  const width = Math.max(...commands.map((command) => command.name.length));
  return `pmpulse — project-manager and portfolio KPIs from Jira, Asana and timesheets

Usage: pmpulse <command> [options]

Commands:
${commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Every command takes --help. Exit codes: 0 success, 1 failed run, 2 bad usage or config.
`;
}

/** Finds the command named by the first one or two words ("sync", "site build"). */
function findCommand(argv: string[]): { entry: CommandEntry; rest: string[] } | undefined {
  const two = argv.slice(0, 2).join(' ');
  const byTwo = commandList.find((entry) => entry.name === two);
  if (byTwo) return { entry: byTwo, rest: argv.slice(2) };
  const byOne = commandList.find((entry) => entry.name === argv[0]);
  return byOne ? { entry: byOne, rest: argv.slice(1) } : undefined;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(await overview());
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    process.stderr.write(`pmpulse: unknown command "${argv.slice(0, 2).join(' ')}"; see pmpulse --help\n`);
    return 2;
  }
  const { entry, rest } = found;
  const command = await entry.load();
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
