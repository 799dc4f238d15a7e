import type { Item, WriteRequest } from '../store/batch-writer.ts';
import { ERASURE_PK, type ErasureTable } from '../store/erasure-table.ts';
import { recordItem } from '../store/items.ts';
import { chunkPk, shardOf } from '../store/keys.ts';
import { recordEntry } from '../store/chunks.ts';
import { sweepChunk } from './chunk-sweep.ts';
import type { RecordKind, RecordOf } from '../domain/index.ts';
import { anonymousPerson } from './anonymise-records.ts';
import type { Redactor } from './redactor.ts';

/**
 * Every item of the table, read once and rewritten where it names the erased person: their
 * person records (and tombstones keyed by their accounts) are removed outright, since a
 * tombstone would keep the account id; every other record, quarantine entry and sync-run note
 * has the person replaced by the anonymous account; one anonymous person record per source is
 * written. Keys are recomputed where an id inside them changed. Safe to run again.
 *
 * Records are packed into chunks (PACK#, chunk-sweep.ts); stores written before packing may still
 * hold one item per record (REC#), which are swept as items.
 */
export interface StoreSweepCounts {
  /** Records rewritten per kind (a time entry now under the anonymous account, a project whose PM it is). */
  rewritten: Partial<Record<RecordKind, number>>;
  /** Person records of the erased accounts removed, and tombstones keyed by them. */
  peopleRemoved: number;
  tombstonesRemoved: number;
  quarantineRewritten: number;
  /** Sync runs, cursors and anything else that named them. */
  otherRewritten: number;
  /** Anonymous person records written (one per source). */
  anonymousAccounts: number;
}

const LEAVE_ALONE = new Set([ERASURE_PK, 'LEASE']);

export async function sweepStore(table: ErasureTable, redactor: Redactor, accounts: ReadonlySet<string>, token: string): Promise<StoreSweepCounts> {
  const counts: StoreSweepCounts = { rewritten: {}, peopleRemoved: 0, tombstonesRemoved: 0, quarantineRewritten: 0, otherRewritten: 0, anonymousAccounts: 0 };
  const chunks = table.chunkWriter();
  for await (const page of table.scan()) {
    const requests: WriteRequest[] = [];
    for (const item of page) {
      const pk = String(item.pk);
      if (LEAVE_ALONE.has(pk)) continue;
      if (pk.startsWith('PACK#')) await sweepChunk(chunks, table.table, item, redactor, accounts, counts);
      else if (pk.startsWith('REC#')) requests.push(...recordWrites(item as Item, redactor, accounts, counts));
      else {
        const rewritten = redactor.value(item as Item);
        if (rewritten === item) continue;
        requests.push(...replace(item as Item, rewritten));
        if (pk.startsWith('QUARANTINE#')) counts.quarantineRewritten += 1;
        else counts.otherRewritten += 1;
      }
    }
    if (requests.length) await table.write(requests);
  }
  const sources = [...new Set([...accounts].map((id) => id.slice(0, id.indexOf(':'))))];
  for (const source of sources) {
    const person = recordEntry('person', anonymousPerson(source, token), table.table);
    await chunks.writePartition(chunkPk('person', source, shardOf(person.i)), [person], 'forget');
  }
  counts.anonymousAccounts = sources.length;
  return counts;
}

function recordWrites(item: Item, redactor: Redactor, accounts: ReadonlySet<string>, counts: StoreSweepCounts): WriteRequest[] {
  const kind = item.pk.split('#')[1] as RecordKind;
  const remove: WriteRequest[] = [{ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } }];
  if (item.deleted === true) {
    if (!accounts.has(item.sk) && redactor.text(item.sk) === item.sk) return [];
    counts.tombstonesRemoved += 1;
    return remove;
  }
  const record = item.record as RecordOf<RecordKind>;
  if (kind === 'person' && accounts.has(record.id)) {
    counts.peopleRemoved += 1;
    return remove;
  }
  const rewritten = redactor.value(record);
  if (rewritten === record) return [];
  counts.rewritten[kind] = (counts.rewritten[kind] ?? 0) + 1;
  return replace(item, recordItem(kind, rewritten));
}

/** A put of the new item, after a delete of the old key when the key itself changed. */
function replace(old: Item, next: Item): WriteRequest[] {
  const put: WriteRequest = { PutRequest: { Item: next } };
  return old.pk === next.pk && old.sk === next.sk ? [put] : [{ DeleteRequest: { Key: { pk: old.pk, sk: old.sk } } }, put];
}
