import type { Person, QuarantineEntry, RecordKind, RecordOf } from '../domain/index.ts';
import { anonymousEmail, ERASED_NAME, type ErasureList } from './erasure-list.ts';

/**
 * What a sync stores for records that name an erased person: the records themselves (their
 * tasks, hours and status changes are the company's and keep every project figure true), with
 * every reference to the person's accounts swapped for their anonymous account, and the person
 * record itself replaced by that anonymous account: "Former user", no e-mail of theirs.
 */

export function anonymousPerson(source: string, token: string): Person {
  return { id: `${source}:${token}`, source, sourceId: token, name: ERASED_NAME, email: anonymousEmail(token), active: false };
}

/** `jira:5b10…` → `jira:erased-1a2b3c4d` when that account was erased; any other id unchanged. */
function swap(list: ErasureList, id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  const token = list.tokenForAccount(id);
  return token === undefined ? id : `${id.slice(0, id.indexOf(':'))}:${token}`;
}

function swapped<T extends object>(record: T, list: ErasureList, fields: readonly (keyof T)[]): T {
  let out = record;
  for (const field of fields) {
    const id = record[field] as string | undefined;
    const replaced = swap(list, id);
    if (replaced !== id) out = { ...out, [field]: replaced };
  }
  return out;
}

function anonymiseRecord<K extends RecordKind>(list: ErasureList, kind: K, record: RecordOf<K>): RecordOf<K> {
  switch (kind) {
    case 'person': {
      const person = record as Person;
      const token = list.tokenForAccount(person.id) ?? list.tokenForEmail(person.email);
      return (token === undefined ? person : anonymousPerson(person.source, token)) as RecordOf<K>;
    }
    case 'task':
      return swapped(record as RecordOf<'task'>, list, ['assigneeId', 'pmFieldId']) as RecordOf<K>;
    case 'project':
      return swapped(record as RecordOf<'project'>, list, ['pmId', 'pmFieldId']) as RecordOf<K>;
    case 'timeEntry':
      return swapped(record as RecordOf<'timeEntry'>, list, ['personId']) as RecordOf<K>;
    default:
      return record;
  }
}

export function anonymiseRecords<K extends RecordKind>(list: ErasureList, kind: K, records: readonly RecordOf<K>[]): readonly RecordOf<K>[] {
  if (list.isEmpty) return records;
  return records.map((record) => anonymiseRecord(list, kind, record));
}

/** Every string in a raw payload, however deep. */
function* strings(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* strings(item);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) yield* strings(item);
}

/**
 * A quarantined payload is the source's raw record: it may hold an erased person's name beside
 * their account id, and the list knows no names. A payload naming an erased account is withheld
 * whole; its entry stays, so the quarantine count is still true.
 */
export function anonymiseQuarantine(list: ErasureList, entries: readonly QuarantineEntry[]): readonly QuarantineEntry[] {
  if (list.isEmpty) return entries;
  return entries.map((entry) => {
    const named = new Map<string, string>();
    for (const text of [entry.recordId, ...strings(entry.raw)]) {
      const token =
        list.tokenForAccount(`${entry.source}:${text}`) ?? (text.includes(':') ? list.tokenForAccount(text) : undefined) ?? (text.includes('@') ? list.tokenForEmail(text) : undefined);
      if (token !== undefined) named.set(text, token);
    }
    if (named.size === 0) return entry;
    let reason = entry.reason;
    for (const [text, token] of named) reason = reason.split(text).join(token);
    return { ...entry, recordId: named.get(entry.recordId) ?? entry.recordId, reason, raw: { withheld: 'names an erased person' } };
  });
}
