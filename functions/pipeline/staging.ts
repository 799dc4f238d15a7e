import type { SnapshotDocuments } from '../contract/documents.ts';

/**
 * `compute` leaves its documents here and `publish` turns them into a snapshot. The two run as
 * separate Lambdas, so the hand-over lives in the report store, not in memory.
 */
export const STAGING_MANIFEST = 'staging/manifest.json';

export interface StagingManifest {
  asOf: string;
  computedAt: string;
  documents: (keyof SnapshotDocuments)[];
}

export function stagingKey(document: keyof SnapshotDocuments): string {
  return `staging/${document}`;
}
