const HOUR_MS = 3_600_000;

/** One stretch a task spent in a waiting status. */
export interface Wait {
  status: string;
  /** The day of the move into the waiting status (it decides the period). */
  day: number;
  startMs: number;
  hours: number;
}

/**
 * What a wait needs of a status change; the latency pass keeps only this much of each (move-log.ts).
 * `day` is the change's day by the one time rule (zone-day.ts); `asOfEndMs` is where the as-of day
 * ends in the calendar the change was written in (the same for every change once a zone is set).
 */
export interface Move {
  id: string;
  /** The instant, epoch ms. */
  ms: number;
  day: number;
  asOfEndMs: number;
  toStatus: string;
}

/**
 * Turns one task's status history into its waits. A wait starts when the task enters a waiting
 * status and ends at the next move (or at `endMs`, e.g. asOf, while it still waits). Moves of one
 * instant are ordered by id, so the order they were read in never changes a figure.
 */
export function waitsOfTask(changes: readonly Move[], isWaiting: (status: string | undefined) => boolean, endMs: number): Wait[] {
  const ordered = [...changes].sort((a, b) => a.ms - b.ms || a.id.localeCompare(b.id));
  const waits: Wait[] = [];
  for (let i = 0; i < ordered.length; i++) {
    const change = ordered[i]!;
    if (!isWaiting(change.toStatus)) continue;
    const startMs = change.ms;
    if (startMs >= endMs) break;
    const next = ordered[i + 1];
    const stopMs = Math.min(next ? next.ms : endMs, endMs);
    waits.push({ status: change.toStatus, day: change.day, startMs, hours: (stopMs - startMs) / HOUR_MS });
  }
  return waits;
}
