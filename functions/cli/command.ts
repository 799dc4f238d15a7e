import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { dateOfDay } from '../kpi/engine/calendar.ts';
import { dayReader } from '../kpi/engine/zone-day.ts';

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

/**
 * Today as YYYY-MM-DD, the default `--as-of`: in `timeZone` (the config's `kpi.timeZone`, the zone
 * every figure's day is read in), else in UTC.
 */
export function today(now: Date = new Date(), timeZone?: string): string {
  return dateOfDay(dayReader(timeZone).dayOf(now.toISOString()));
}
