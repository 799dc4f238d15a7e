import { readLatest } from './publisher.ts';
import type { ReportStore } from './report-store.ts';

/**
 * Deletes all but the newest `keep` snapshots. The snapshot `latest.json` points at is always
 * kept, whatever its age, so pruning can never leave a reader with a dangling pointer.
 * Snapshot ids sort by publish time, so "newest" is the end of the sorted list.
 */
export async function pruneSnapshots(store: ReportStore, options: { keep: number }): Promise<string[]> {
  if (!Number.isInteger(options.keep) || options.keep < 1) throw new RangeError(`keep must be a whole number ≥ 1, got ${options.keep}`);
  const latest = await readLatest(store);
  const keys = await store.list('snapshots/');
  const ids = [...new Set(keys.map((key) => key.split('/')[1] ?? ''))].filter(Boolean).sort();
  const doomed = new Set(ids.slice(0, Math.max(0, ids.length - options.keep)));
  if (latest) doomed.delete(latest.snapshot);
  const removed = keys.filter((key) => doomed.has(key.split('/')[1] ?? ''));
  await store.delete(removed);
  return [...doomed];
}
