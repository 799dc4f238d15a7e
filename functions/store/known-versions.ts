import type { StoredVersion } from './current-versions.ts';

/**
 * A shortcut for first syncs. When a partition (kind + source) had no items at all when this
 * store first wrote to it, every item in it since was written by this instance (one sync at a
 * time holds the lease), so the versions it wrote are the stored versions: the guard can consult
 * memory instead of reading the table. A first sync of 100k records then costs no reads.
 *
 * Memory is bounded: past `limit` remembered keys, or after any failed write (whose outcome is
 * unknown), a partition falls back to reading the table.
 */
export class KnownVersions {
  private readonly partitions = new Map<string, Map<string, StoredVersion> | null>();
  private readonly limit: number;
  private size = 0;

  constructor(limit: number) {
    this.limit = limit;
  }

  /** Whether the partition's first look was already taken; `begin` must be called once otherwise. */
  has(partition: string): boolean {
    return this.partitions.has(partition);
  }

  /** Starts a partition: tracked when it was empty, read from the table otherwise. */
  begin(partition: string, empty: boolean): void {
    this.partitions.set(partition, empty ? new Map() : null);
  }

  /** The remembered versions of a tracked partition; undefined when the table must be read. */
  tracked(partition: string): Map<string, StoredVersion> | undefined {
    return this.partitions.get(partition) ?? undefined;
  }

  remember(partition: string, key: string, version: StoredVersion): void {
    const known = this.partitions.get(partition);
    if (!known) return;
    if (!known.has(key)) this.size++;
    known.set(key, version);
    if (this.size > this.limit) this.forgetAll();
  }

  /** After a failed write: what is stored is no longer known for sure. */
  forget(partition: string): void {
    const known = this.partitions.get(partition);
    if (known) this.size -= known.size;
    this.partitions.set(partition, null);
  }

  /** Forgets every partition: they are looked at afresh. */
  clear(): void {
    this.partitions.clear();
    this.size = 0;
  }

  private forgetAll(): void {
    for (const partition of this.partitions.keys()) this.forget(partition);
  }
}
