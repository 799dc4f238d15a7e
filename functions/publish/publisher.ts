import { createHash } from 'node:crypto';
import { documentSchemas, LatestSchema, SCHEMA_VERSION, type Latest, type SnapshotDocuments } from '../contract/documents.ts';
import { issuesOf, PublishValidationError } from '../contract/errors.ts';
import { jsonSchemas } from '../contract/json-schemas.ts';
import { DOCUMENT_NAMES, LATEST_KEY, schemaKey, snapshotKey, type DocumentName } from '../contract/layout.ts';
import { readLatest as readLatestFrom, readSnapshot as readSnapshotFrom, type SnapshotSource } from '../contract/read.ts';
import type { ReportStore } from './report-store.ts';

/** Publishing writes the contract's layout (contract/layout.ts); readers use contract/read.ts. */
export { DOCUMENT_NAMES, LATEST_KEY, schemaKey, snapshotKey } from '../contract/layout.ts';
export { jsonSchemas } from '../contract/json-schemas.ts';

export interface PublishOptions {
  now: () => Date;
  /** The day the figures are for; every dated document must say the same. */
  asOf: string;
}

/**
 * Validates every document, writes them under a new snapshot, then flips `latest.json`.
 * A reader of `latest.json` therefore always finds a complete snapshot behind it.
 */
export async function publishSnapshot(store: ReportStore, docs: SnapshotDocuments, options: PublishOptions): Promise<Latest> {
  const valid = validateAll(docs, options.asOf);
  const now = options.now();
  const snapshot = snapshotId(now, valid);
  await Promise.all([
    ...DOCUMENT_NAMES.map((name) => store.putJson(snapshotKey(snapshot, name), valid[name])),
    ...Object.entries(jsonSchemas()).map(([name, schema]) => store.putJson(schemaKey(name), schema)),
  ]);
  const latest = LatestSchema.parse({
    schemaVersion: SCHEMA_VERSION,
    snapshot,
    generatedAt: now.toISOString(),
    asOf: options.asOf,
    documents: DOCUMENT_NAMES,
  });
  await store.putJson(LATEST_KEY, latest);
  return latest;
}

function validateAll(docs: SnapshotDocuments, asOf: string): SnapshotDocuments {
  const valid: Partial<Record<DocumentName, unknown>> = {};
  for (const name of DOCUMENT_NAMES) {
    const result = documentSchemas[name].safeParse(docs[name]);
    if (!result.success) throw new PublishValidationError(name, issuesOf(result.error));
    // Figures for another day than the snapshot claims would mislead every reader.
    if ('asOf' in result.data && result.data.asOf !== asOf) {
      throw new PublishValidationError(name, [{ path: 'asOf', message: `is ${result.data.asOf}, the snapshot is for ${asOf}` }]);
    }
    valid[name] = result.data;
  }
  return valid as SnapshotDocuments;
}

/** `20261125T203500Z-1a2b3c4d`: sorts by publish time; the content hash keeps two publishes in one second apart. */
export function snapshotId(now: Date, docs: SnapshotDocuments): string {
  const stamp = now.toISOString().replace(/\.\d{3}/, '').replace(/[-:]/g, '');
  const hash = createHash('sha256');
  for (const name of DOCUMENT_NAMES) hash.update(name).update('\0').update(JSON.stringify(docs[name])).update('\0');
  return `${stamp}-${hash.digest('hex').slice(0, 8)}`;
}

/** The current `latest.json` of a report store, validated; undefined when nothing was published yet. */
export function readLatest(store: ReportStore): Promise<Latest | undefined> {
  return readLatestFrom(sourceOf(store));
}

/** Every document of the snapshot `latest` points at, validated and upgraded (contract/read.ts). */
export function readSnapshot(store: ReportStore, latest: Latest): Promise<SnapshotDocuments> {
  return readSnapshotFrom(sourceOf(store), latest, (name) => snapshotKey(latest.snapshot, name));
}

const sourceOf = (store: ReportStore): SnapshotSource => ({ read: (key) => store.getJson(key) });
