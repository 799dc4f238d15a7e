import type { RecordKind, RecordOf } from '../domain/index.ts';
/** What the table holds under a key, as far as the rule cares. */
export interface StoredVersion {
  version?: number;
  deleted: boolean;
}

/**
 * The rule that makes upserts order-independent: an item replaces what is stored only when it is
 * at least as new. Versions are epoch milliseconds, so `2025-01-02T10:00:00Z` and
 * `2025-01-02T11:00:00+01:00` compare equal, as they should.
 *
 * - A record version comes from `updatedAt`; a status change never changes, so its `at` serves.
 *   A record without one (people) always replaces a live record: there is nothing to compare.
 * - A tombstone's version is its `deletedAt`. It wins ties, and only a record with a strictly
 *   newer version may replace it (the source re-created it); a versionless record never does,
 *   because it cannot prove it is newer than the deletion.
 */
export function versionOf<K extends RecordKind>(kind: K, record: RecordOf<K>): number | undefined {
  const stamp = kind === 'statusChange' ? (record as RecordOf<'statusChange'>).at : (record as { updatedAt?: string }).updatedAt;
  if (stamp === undefined) return undefined;
  const ms = Date.parse(stamp);
  return Number.isNaN(ms) ? undefined : ms;
}

/** What the rule looks at: a table item, or a record's entry in a chunk. */
type Versioned = Record<string, unknown>;

function itemVersion(item: Versioned): number | undefined {
  return typeof item.version === 'number' ? item.version : undefined;
}

/** Whether `incoming` may replace `stored` under the rule above. */
export function replaces(incoming: Versioned, stored: StoredVersion | undefined): boolean {
  if (stored === undefined) return true;
  const version = itemVersion(incoming);
  if (incoming.deleted === true) return !stored.deleted && (stored.version === undefined || version === undefined || version >= stored.version);
  if (stored.deleted) return version !== undefined && stored.version !== undefined && version > stored.version;
  return version === undefined || stored.version === undefined || version >= stored.version;
}
