import { gunzipSync, gzipSync } from 'node:zlib';
import { recordSchemas, type RecordKind, type RecordOf } from '../domain/index.ts';
import type { Item } from './batch-writer.ts';
import { StoreError } from './errors.ts';
import { withoutUndefined } from './items.ts';
import { replaces, versionOf } from './version-guard.ts';

/**
 * Records packed into chunk items: reading costs per item (about 35–42 µs each on the embedded
 * store, docs/deploy.md "Measured limits"), so compute reads a few hundred records per item
 * instead of one.
 *
 * A chunk item is `{ pk: PACK#<kind>#<source>#<shard>, sk: C#<start>, format, rev, count, body }`.
 * `body` is the chunk's entries sorted by id, as JSON, gzipped, in one binary attribute: one
 * attribute is far cheaper to unmarshal than a list of maps, JSON keeps every value a record can
 * hold exactly, and gzip makes the item about a sixth of the JSON's size. Size is what the rest of
 * the reading costs (the server's response, its checksum, the transfer: measured in docs/deploy.md
 * "Packed records"), what DynamoDB bills reads and writes by, and what a rewritten chunk costs.
 * An entry is `{ i: id, v?: version, r: record }` or, for a deleted record, `{ i, v, d: deletedAt }`:
 * the tombstone stays so a late re-delivery of an older version is refused (version-guard.ts).
 *
 * Records are checked against their schema when written (the schema's own output is stored), so
 * a reader only checks the structure. `format` guards the layout itself: a chunk written in
 * another format is refused with an error naming both, never misread.
 */
export const CHUNK_FORMAT = 1;

export interface ChunkEntry {
  /** The record id. */
  i: string;
  /** Version (epoch ms): the record's `updatedAt` (a status change's `at`), or the deletion instant. */
  v?: number;
  /** The record, as its schema returned it; absent on a tombstone. */
  r?: Record<string, unknown>;
  /** When the record was deleted at the source: set on a tombstone only. */
  d?: string;
}

export interface Chunk {
  start: string;
  /** Where the chunk's range ends, as it knew when written: the start of the chunk split off above it; absent when unbounded. */
  end?: string;
  rev: number;
  entries: ChunkEntry[];
}

/** The entry of a record that passed its schema; a record that does not is refused here. */
export function recordEntry<K extends RecordKind>(kind: K, record: RecordOf<K>, table: string): ChunkEntry {
  const parsed = recordSchemas[kind].safeParse(record);
  if (!parsed.success) {
    const problem = parsed.error.issues[0];
    const id = (record as { id?: unknown }).id;
    throw new StoreError('putRecords', table, `${kind} ${String(id)} does not match the ${kind} schema (${problem?.path.join('.')}: ${problem?.message}); it was not stored`);
  }
  return storedEntry(kind, parsed.data as RecordOf<K>);
}

/** The entry of a record as stored (no undefined fields), with its version; the caller vouches for its schema. */
export function storedEntry<K extends RecordKind>(kind: K, record: RecordOf<K>): ChunkEntry {
  const stored = withoutUndefined(record) as RecordOf<K>;
  const version = versionOf(kind, stored);
  return version === undefined ? { i: stored.id, r: stored } : { i: stored.id, v: version, r: stored };
}

export function tombstoneEntry(id: string, deletedAt: string): ChunkEntry {
  return { i: id, v: Date.parse(deletedAt), d: deletedAt };
}

export const isDeletedEntry = (entry: ChunkEntry): boolean => entry.d !== undefined;

/** The version rule (version-guard.ts) between two entries of one id. */
export function entryReplaces(incoming: ChunkEntry, held: ChunkEntry | undefined): boolean {
  if (held === undefined) return true;
  return replaces(asVersioned(incoming), { ...(held.v === undefined ? {} : { version: held.v }), deleted: isDeletedEntry(held) });
}

function asVersioned(entry: ChunkEntry): { version?: number; deleted?: boolean } {
  return { ...(entry.v === undefined ? {} : { version: entry.v }), deleted: isDeletedEntry(entry) };
}

/**
 * Between a copy left in a chunk whose range no longer holds it (an interrupted split) and the
 * entry of the chunk whose range does: the copy was taken from the same records before, so it
 * wins only when strictly newer (a tie, or a record without a version, keeps the owner's entry).
 */
export function copyReplaces(copy: ChunkEntry, owner: ChunkEntry | undefined): boolean {
  if (owner === undefined) return true;
  return copy.v !== undefined && owner.v !== undefined && copy.v > owner.v && entryReplaces(copy, owner);
}

/** Of several entries for one id, the one the rule keeps; the later one on a tie. */
export function newestPerId(entries: readonly ChunkEntry[]): ChunkEntry[] {
  const byId = new Map<string, ChunkEntry>();
  for (const entry of entries) if (entryReplaces(entry, byId.get(entry.i))) byId.set(entry.i, entry);
  return [...byId.values()];
}

/**
 * Ids compare as the table compares sort keys, by code unit; the same order as the one-item-per-
 * record layout read in, so records come out in the order they always did (ids are ASCII here:
 * UTF-16 and UTF-8 order differ only past U+E000, which record ids do not use).
 */
export const byId = (a: ChunkEntry, b: ChunkEntry): number => (a.i < b.i ? -1 : a.i > b.i ? 1 : 0);

export function chunkItem(pk: string, sk: string, chunk: Chunk): Item {
  return { pk, sk, format: CHUNK_FORMAT, rev: chunk.rev, count: chunk.entries.length, ...(chunk.end === undefined ? {} : { end: chunk.end }), body: encodeEntries(chunk.entries) };
}

export const encodeEntries = (entries: readonly ChunkEntry[]): Uint8Array => gzipSync(JSON.stringify(entries));

/** The entries of a chunk body; throws on anything that is not gzipped JSON. */
export function decodeEntries(body: unknown): unknown {
  if (!(body instanceof Uint8Array)) throw new Error('its body is not binary');
  return JSON.parse(gunzipSync(body).toString('utf8'));
}

/** A stored chunk, checked for format and structure; anything else is a StoreError naming the item. */
export function chunkFromItem(item: Record<string, unknown>, table: string, operation: string): Chunk {
  const where = `chunk ${String(item.pk)} ${String(item.sk)}`;
  if (item.format !== CHUNK_FORMAT) {
    throw new StoreError(operation, table, `${where} is in format ${String(item.format)}; this pmpulse reads format ${CHUNK_FORMAT} only (a newer pmpulse wrote it, or the item is damaged)`);
  }
  let entries: unknown;
  try {
    entries = decodeEntries(item.body);
  } catch (error) {
    throw new StoreError(operation, table, `${where} holds no readable entries (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!Array.isArray(entries)) throw new StoreError(operation, table, `${where} holds no list of entries`);
  for (const entry of entries as ChunkEntry[]) {
    const wellFormed =
      typeof entry === 'object' && entry !== null && typeof entry.i === 'string' &&
      (entry.d === undefined ? typeof entry.r === 'object' && entry.r !== null && entry.r.id === entry.i : typeof entry.d === 'string');
    if (!wellFormed) throw new StoreError(operation, table, `${where} holds a malformed entry (${JSON.stringify(entry).slice(0, 120)})`);
  }
  const sk = String(item.sk);
  const end = typeof item.end === 'string' ? { end: item.end } : {};
  return { start: sk.slice(2), ...end, rev: typeof item.rev === 'number' ? item.rev : 0, entries: entries as ChunkEntry[] };
}
