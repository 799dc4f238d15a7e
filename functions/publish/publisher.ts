import { createHash } from 'node:crypto';
import * as z from 'zod';
import { buildPortfoliosDoc } from '../kpi/portfolios-report.ts';
import { documentSchemas, LatestSchema, SCHEMA_VERSION, type Latest, type ProjectsDoc, type SnapshotDocuments } from './documents.ts';
import { issuesOf, PublishValidationError, SnapshotReadError } from './errors.ts';
import type { ReportStore } from './report-store.ts';

/**
 * Layout of a report store:
 *   snapshots/<id>/<document>.json   one folder per publish, never changed afterwards
 *   schemas/v<N>/<name>.schema.json  JSON Schema of each document, generated from the zod schemas
 *   latest.json                      points at the current snapshot; written last
 */

export const LATEST_KEY = 'latest.json';
type DocumentName = keyof SnapshotDocuments;
export const DOCUMENT_NAMES = Object.keys(documentSchemas) as DocumentName[];

export const snapshotKey = (snapshot: string, document: string): string => `snapshots/${snapshot}/${document}`;
export const schemaKey = (name: string): string => `schemas/v${SCHEMA_VERSION}/${name}.schema.json`;

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

/** JSON Schema of every published document and of `latest.json`, by short name. */
export function jsonSchemas(): Record<string, unknown> {
  const schemas: Record<string, unknown> = { latest: z.toJSONSchema(LatestSchema) };
  for (const name of DOCUMENT_NAMES) schemas[name.replace(/\.json$/, '')] = z.toJSONSchema(documentSchemas[name]);
  return schemas;
}

/** The current `latest.json`, validated; undefined when nothing was published yet. */
export async function readLatest(store: ReportStore): Promise<Latest | undefined> {
  const raw = await store.getJson(LATEST_KEY);
  if (raw === undefined) return undefined;
  const result = LatestSchema.safeParse(raw);
  if (!result.success) throw new SnapshotReadError(LATEST_KEY, issuesOf(result.error));
  return result.data;
}

/**
 * Every document of the snapshot `latest` points at, each validated against its schema. A snapshot
 * published before `portfolios.json` existed does not list it: it is derived from `projects.json`.
 */
export async function readSnapshot(store: ReportStore, latest: Latest): Promise<SnapshotDocuments> {
  const docs: Partial<Record<DocumentName, unknown>> = {};
  const derivePortfolios = !latest.documents.includes('portfolios.json');
  await Promise.all(
    DOCUMENT_NAMES.map(async (name) => {
      if (name === 'portfolios.json' && derivePortfolios) return;
      const key = snapshotKey(latest.snapshot, name);
      const raw = await store.getJson(key);
      if (raw === undefined) throw new SnapshotReadError(key, [{ path: '(root)', message: 'missing' }]);
      const result = documentSchemas[name].safeParse(raw);
      if (!result.success) throw new SnapshotReadError(key, issuesOf(result.error));
      docs[name] = result.data;
    }),
  );
  if (derivePortfolios) docs['portfolios.json'] = buildPortfoliosDoc(docs['projects.json'] as ProjectsDoc);
  return docs as SnapshotDocuments;
}
