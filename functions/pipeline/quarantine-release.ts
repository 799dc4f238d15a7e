import type { RecordKind } from '../domain/index.ts';
import type { Store } from '../store/store.ts';

/**
 * Releases quarantine entries of records that now map cleanly. Connectors may name them
 * (`released` in a batch); the sync also notices on its own: entries held when the sync starts
 * are few, so each stored record is checked against them in memory, and a record that arrives
 * whole after the source was fixed frees its entry even from a connector that never says so.
 */
export interface QuarantineRelease {
  /** Releases entries of these stored records that were quarantined when the sync started. */
  stored(kind: RecordKind, records: readonly { sourceId: string }[]): Promise<void>;
}

export async function trackQuarantine(store: Store, source: string): Promise<QuarantineRelease> {
  const held = new Set((await store.listQuarantine(source)).map((entry) => `${entry.kind}#${entry.recordId}`));
  return {
    async stored(kind, records) {
      if (held.size === 0) return;
      const fixed = records.map((record) => record.sourceId).filter((id) => held.has(`${kind}#${id}`));
      if (fixed.length === 0) return;
      await store.releaseQuarantine(source, kind, fixed);
      for (const id of fixed) held.delete(`${kind}#${id}`);
    },
  };
}
