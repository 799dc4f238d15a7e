import { readSnapshot, readLatest, type SnapshotSource } from '../contract/read.ts';
import { snapshotKey, LATEST_KEY } from '../contract/layout.ts';
import { SCHEMA_VERSION, type Latest } from '../contract/documents.ts';
import type { ReportStore } from '../publish/report-store.ts';
import type { PublishedSnapshot, SnapshotPair } from './model.ts';

/** The store holds no snapshot the digest was asked for. */
export class DigestInputError extends Error {
  override name = 'DigestInputError';
}

export interface PairOptions {
  /** The snapshot to report; latest.json's when absent. */
  snapshot?: string | undefined;
  /** The snapshot to compare with; when absent, the one `sinceDays` before (see `pickEarlier`). */
  since?: string | undefined;
  sinceDays: number;
}

const DAY_MS = 86_400_000;

/** The ids of the published snapshots (folders under `snapshots/`), oldest first: ids sort by publish time. */
export async function snapshotIds(store: ReportStore): Promise<string[]> {
  const keys = await store.list('snapshots/');
  return [...new Set(keys.map((key) => key.split('/')[1] ?? ''))].filter(Boolean).sort();
}

/** One snapshot by id, each document validated and upgraded as the site reads it (contract/read.ts). */
export async function readPublished(store: ReportStore, id: string): Promise<PublishedSnapshot> {
  const prefix = `snapshots/${id}/`;
  const documents = (await store.list(prefix)).map((key) => key.slice(prefix.length)).filter((name) => !name.includes('/'));
  if (documents.length === 0) throw new DigestInputError(`${store.describe()}: no snapshot "${id}"`);
  const source: SnapshotSource = { read: (key) => store.getJson(key), where: (key) => `${store.describe()}: ${key}` };
  // Only `documents` and `snapshot` are read: which files the folder holds decides what is derived.
  const latest: Latest = { schemaVersion: SCHEMA_VERSION, snapshot: id, generatedAt: '', asOf: '1970-01-01', documents };
  return { id, documents: await readSnapshot(source, latest, (name) => snapshotKey(id, name)) };
}

/**
 * The snapshot to compare with: the one with the latest as-of date at least `sinceDays` before the
 * current one's; failing that (a store younger than that), the one with the earliest as-of date
 * before it; undefined when there is none. Ties go to the later publish. Every other snapshot's
 * as-of date is read (from its projects.json): publish order need not be as-of order (a backfill,
 * two publishes in one second), and retention keeps the list short.
 */
export async function pickEarlier(store: ReportStore, ids: readonly string[], current: PublishedSnapshot, sinceDays: number): Promise<string | undefined> {
  const asOf = Date.parse(current.documents['managers.json'].asOf);
  const cutoff = asOf - sinceDays * DAY_MS;
  const dated: { id: string; at: number }[] = [];
  for (const id of ids) {
    if (id === current.id) continue;
    const doc = await store.getJson<{ asOf?: unknown }>(snapshotKey(id, 'projects.json'));
    const at = typeof doc?.asOf === 'string' ? Date.parse(doc.asOf) : NaN;
    if (!Number.isNaN(at) && at < asOf) dated.push({ id, at });
  }
  const weekOld = dated.filter((d) => d.at <= cutoff).sort((a, b) => b.at - a.at || b.id.localeCompare(a.id))[0];
  if (weekOld) return weekOld.id;
  return dated.sort((a, b) => a.at - b.at || b.id.localeCompare(a.id))[0]?.id;
}

/** The current snapshot and the one a digest compares it with, read from a report store. */
export async function readSnapshotPair(store: ReportStore, options: PairOptions): Promise<SnapshotPair> {
  const ids = await snapshotIds(store);
  let currentId = options.snapshot;
  if (currentId === undefined) {
    const latest = await readLatest({ read: (key) => store.getJson(key) });
    if (!latest) throw new DigestInputError(`${store.describe()}: no ${LATEST_KEY}: publish a snapshot first`);
    currentId = latest.snapshot;
  }
  if (!ids.includes(currentId)) throw new DigestInputError(`${store.describe()}: no snapshot "${currentId}" (published: ${ids.join(', ') || 'none'})`);
  if (options.since !== undefined && !ids.includes(options.since)) throw new DigestInputError(`${store.describe()}: no snapshot "${options.since}" to compare with`);
  const current = await readPublished(store, currentId);
  const earlierId = options.since ?? (await pickEarlier(store, ids, current, options.sinceDays));
  return { current, earlier: earlierId === undefined ? undefined : await readPublished(store, earlierId) };
}
