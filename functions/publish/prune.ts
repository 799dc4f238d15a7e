import { readLatest } from './publisher.ts';
import type { ReportStore } from './report-store.ts';

export interface PruneOptions {
  /** Always keep this many newest snapshots, whatever their age. */
  keep?: number;
  /** Remove snapshots published more than this many days ago (default: age is no reason to remove). */
  retentionDays?: number;
  now?: () => Date;
}

/** `20261125T203500Z-1a2b3c4d` → the publish instant, or undefined for a foreign folder name. */
function publishedAt(id: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z-/.exec(id);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  return Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
}

function checkOptions(options: PruneOptions): void {
  if (options.keep === undefined && options.retentionDays === undefined) throw new RangeError('give keep, retentionDays or both');
  if (options.keep !== undefined && (!Number.isInteger(options.keep) || options.keep < 1)) {
    throw new RangeError(`keep must be a whole number ≥ 1, got ${options.keep}`);
  }
  if (options.retentionDays !== undefined && !(options.retentionDays > 0)) {
    throw new RangeError(`retentionDays must be more than 0, got ${options.retentionDays}`);
  }
}

/**
 * Deletes old snapshots: those beyond the newest `keep` and, when `retentionDays` is set, only
 * those older than that too. The snapshot `latest.json` points at is always kept, whatever its
 * age, so pruning can never leave a reader with a dangling pointer; and a reader that read
 * `latest.json` just before a publish still finds its snapshot, since only old ones go.
 * Snapshot ids sort by publish time, so "newest" is the end of the sorted list.
 */
export async function pruneSnapshots(store: ReportStore, options: PruneOptions): Promise<string[]> {
  checkOptions(options);
  const latest = await readLatest(store);
  const keys = await store.list('snapshots/');
  const ids = [...new Set(keys.map((key) => key.split('/')[1] ?? ''))].filter(Boolean).sort();
  let doomed = options.keep === undefined ? ids : ids.slice(0, Math.max(0, ids.length - options.keep));
  if (options.retentionDays !== undefined) {
    const cutoff = (options.now ?? (() => new Date()))().getTime() - options.retentionDays * 86_400_000;
    doomed = doomed.filter((id) => (publishedAt(id) ?? Infinity) < cutoff);
  }
  const removedIds = new Set(doomed.filter((id) => id !== latest?.snapshot));
  // Documents first, folder by folder; a crash half-way leaves an old snapshot partly gone, never latest's.
  await store.delete(keys.filter((key) => removedIds.has(key.split('/')[1] ?? '')));
  return [...removedIds];
}
