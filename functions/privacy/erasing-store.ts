import type { QuarantineEntry, RecordKind, RecordOf } from '../domain/index.ts';
import { ErasureTable } from '../store/erasure-table.ts';
import type { Store } from '../store/store.ts';
import { anonymiseQuarantine, anonymiseRecords } from './anonymise-records.ts';
import { ErasureList } from './erasure-list.ts';

/**
 * The store every pipeline step writes through: records and quarantine entries that name an
 * erased account are stored under its anonymous account (anonymise-records.ts), whoever writes
 * them, so an erased person never comes back with the next sync.
 *
 * The list is read before the first write and again whenever a lease is taken or renewed: an
 * erasure holds the sync lease while it adds to the list, so a sync always writes with the list
 * as it stood when its lease began. With nothing erased it costs one read per lease.
 */
export function withErasures(store: Store): Store {
  const table = ErasureTable.of(store);
  if (!table) return store;
  let loading: Promise<ErasureList> | undefined;
  const list = (): Promise<ErasureList> =>
    (loading ??= table.read().then(
      (stored) => new ErasureList(stored),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  const overrides: Partial<Store> = {
    async putRecords<K extends RecordKind>(kind: K, records: readonly RecordOf<K>[]) {
      return store.putRecords(kind, anonymiseRecords(await list(), kind, records));
    },
    async putQuarantine(entries: readonly QuarantineEntry[]) {
      return store.putQuarantine(anonymiseQuarantine(await list(), entries));
    },
    async acquireLease(name: string, owner: string, ttlMs: number) {
      const acquired = await store.acquireLease(name, owner, ttlMs);
      if (acquired) loading = undefined;
      return acquired;
    },
  };
  // What a caller assigns (a test wrapping putRecords, say) lands on this layer, never on the
  // store inside, so the overrides above always reach the store's own methods.
  const layer = new Map<PropertyKey, unknown>(Object.entries(overrides));
  return new Proxy(store, {
    get(target, property) {
      if (layer.has(property)) return layer.get(property);
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set(_target, property, value) {
      layer.set(property, value);
      return true;
    },
  });
}
