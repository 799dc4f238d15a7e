import { recordSchemas, type QuarantineEntry, type RecordKind, type RecordOf } from '../domain/index.ts';
import type { Item } from './batch-writer.ts';
import { StoreError } from './errors.ts';
import { quarantinePk, quarantineSk, recordKey } from './keys.ts';
import { versionOf } from './version-guard.ts';

/** Conversions between domain values and table items; keys come from keys.ts. */

/**
 * DynamoDB rejects `undefined` attributes, and optional domain fields are often present-but-
 * undefined after mapping. Dropping them here means any DocumentClient works, whatever its
 * marshalling options; a dropped field reads back as absent, which the schemas treat the same.
 */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field !== undefined) out[key] = withoutUndefined(field);
  }
  return out as T;
}

/** `version` (epoch ms) sits beside the record so the guard reads it without the whole record. */
export function recordItem<K extends RecordKind>(kind: K, record: RecordOf<K>): Item {
  const version = versionOf(kind, record);
  return { ...recordKey(kind, record.source, record.id), record: withoutUndefined(record), ...(version === undefined ? {} : { version }) };
}

/**
 * A deleted record: the key stays, holding only when it was deleted, so a late re-delivery of an
 * older version finds it and is refused. Ids are `<source>:<source id>`, and source names have
 * no colon, so the source (part of the key) is everything before the first colon.
 */
export function tombstoneItem(kind: RecordKind, id: string, deletedAt: string): Item {
  const source = id.slice(0, Math.max(0, id.indexOf(':')));
  return { ...recordKey(kind, source, id), deleted: true, deletedAt, version: Date.parse(deletedAt) };
}

export const isTombstone = (item: Record<string, unknown>): boolean => item.deleted === true;

/** Parses back through the domain schema, so readers get exactly the shape connectors produce. */
export function recordFromItem<K extends RecordKind>(kind: K, item: Record<string, unknown>, table: string): RecordOf<K> {
  const parsed = recordSchemas[kind].safeParse(item.record);
  if (parsed.success) return parsed.data as RecordOf<K>;
  const problem = parsed.error.issues[0];
  throw new StoreError(
    'scanRecords',
    table,
    `stored ${kind} ${String(item.sk)} does not match the ${kind} schema (${problem?.path.join('.')}: ${problem?.message})`,
  );
}

/**
 * Raw payloads are kept as JSON text: a source's payload may hold values DynamoDB cannot store
 * as attributes (empty keys, deep nesting, floats beyond its precision). An item may not exceed
 * 400 KB, so an oversized payload keeps only its first part, as a string.
 */
const maxRawChars = 300_000;

export function quarantineItem(entry: QuarantineEntry): Item {
  const raw = entry.raw === undefined ? undefined : JSON.stringify(entry.raw);
  const truncated = raw !== undefined && raw.length > maxRawChars;
  return withoutUndefined({
    pk: quarantinePk(entry.source),
    sk: quarantineSk(entry.kind, entry.recordId),
    source: entry.source,
    kind: entry.kind,
    recordId: entry.recordId,
    reason: entry.reason,
    at: entry.at,
    raw: truncated ? raw.slice(0, maxRawChars) : raw,
    rawTruncated: truncated || undefined,
  });
}

export function quarantineFromItem(item: Record<string, unknown>): QuarantineEntry {
  const rawText = item.raw as string | undefined;
  return {
    source: String(item.source),
    kind: String(item.kind),
    recordId: String(item.recordId),
    reason: String(item.reason),
    at: String(item.at),
    raw: rawText === undefined || item.rawTruncated ? rawText : JSON.parse(rawText),
  };
}
