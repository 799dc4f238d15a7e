import { documentSchemas, SCHEMA_VERSION, type SnapshotDocuments } from './documents.ts';

/**
 * Where a published snapshot lives in a report store (S3 bucket, folder):
 *   snapshots/<id>/<document>.json   one folder per publish, never changed afterwards
 *   schemas/v<N>/<name>.schema.json  JSON Schema of each document (schemas/ in this folder)
 *   latest.json                      points at the current snapshot; written last
 */
export const LATEST_KEY = 'latest.json';
export type DocumentName = keyof SnapshotDocuments;
export const DOCUMENT_NAMES = Object.keys(documentSchemas) as DocumentName[];

export const snapshotKey = (snapshot: string, document: string): string => `snapshots/${snapshot}/${document}`;
export const schemaKey = (name: string): string => `schemas/v${SCHEMA_VERSION}/${name}.schema.json`;
