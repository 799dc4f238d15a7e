import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/** One CLI command: its help text, its options, and what it does. Returns the exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: ParseArgsOptionsConfig;
  run(values: Record<string, string | boolean | string[] | undefined>, positionals: string[]): Promise<number>;
}

/** Bad usage: exit 2 with the message and a pointer to --help. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const configOption = {
  config: { type: 'string', short: 'c', default: './pmpulse.config.json' },
} as const satisfies ParseArgsOptionsConfig;

export const asOfOption = {
  'as-of': { type: 'string' },
} as const satisfies ParseArgsOptionsConfig;

export function parseCommandArgs(command: Command, argv: string[]) {
  try {
    return parseArgs({ args: argv, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Today in UTC as YYYY-MM-DD: the default `--as-of`. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
