import { deadlineIn, type SyncDeadline } from '../pipeline/index.ts';
import { UsageError } from './command.ts';

/**
 * `--max-minutes N`: a sync stops at its next checkpoint once N minutes have passed, and the next
 * `pmpulse sync` goes on from there. For a first sync of a large site run in slices (a nightly
 * window, a CI job with a time limit).
 */
export const maxMinutesOption = { 'max-minutes': { type: 'string' } } as const;

export function maxMinutesDeadline(value: unknown): SyncDeadline | undefined {
  if (value === undefined) return undefined;
  const minutes = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isFinite(minutes) || minutes <= 0) throw new UsageError(`--max-minutes: must be a positive number of minutes, got "${String(value)}"`);
  return deadlineIn(minutes * 60_000);
}
