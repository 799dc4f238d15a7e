import type { StatusChange } from '../domain/index.ts';

const HOUR_MS = 3_600_000;

/** One stretch a task spent in a waiting status. */
export interface Wait {
  status: string;
  /** The move into the waiting status, as the source wrote it (its day decides the period). */
  at: string;
  startMs: number;
  hours: number;
}

/**
 * Turns one task's status history into its waits. A wait starts when the task enters a waiting
 * status and ends at the next move (or at `endMs`, e.g. asOf, while it still waits).
 */
/** What a wait needs of a status change: the latency pass keeps only this much of each (latency.ts). */
export type Move = Pick<StatusChange, 'id' | 'at' | 'toStatus'>;

export function waitsOfTask(changes: readonly Move[], isWaiting: (status: string | undefined) => boolean, endMs: number): Wait[] {
  const ordered = [...changes].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id.localeCompare(b.id));
  const waits: Wait[] = [];
  for (let i = 0; i < ordered.length; i++) {
    const change = ordered[i]!;
    if (!isWaiting(change.toStatus)) continue;
    const startMs = Date.parse(change.at);
    if (startMs >= endMs) break;
    const next = ordered[i + 1];
    const stopMs = Math.min(next ? Date.parse(next.at) : endMs, endMs);
    waits.push({ status: change.toStatus, at: change.at, startMs, hours: (stopMs - startMs) / HOUR_MS });
  }
  return waits;
}
