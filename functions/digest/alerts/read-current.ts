import { LATEST_KEY } from '../../contract/layout.ts';
import { readLatest } from '../../contract/read.ts';
import type { ReportStore } from '../../publish/report-store.ts';
import type { PublishedSnapshot } from '../model.ts';
import { DigestInputError, readPublished } from '../read-pair.ts';

/** The snapshot alerts look at: the one named, or latest.json's. Alerts compare with kept state, not an earlier snapshot. */
export async function readCurrentSnapshot(store: ReportStore, snapshot?: string): Promise<PublishedSnapshot> {
  let id = snapshot;
  if (id === undefined) {
    const latest = await readLatest({ read: (key) => store.getJson(key) });
    if (!latest) throw new DigestInputError(`${store.describe()}: no ${LATEST_KEY}: publish a snapshot first`);
    id = latest.snapshot;
  }
  return readPublished(store, id);
}
