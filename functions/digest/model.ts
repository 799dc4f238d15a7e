import type { SnapshotDocuments } from '../contract/documents.ts';

/** Whom a digest is for: the roles of the access rules (access/role-rules.ts), a PM by their id. */
export type Audience = { kind: 'leadership' } | { kind: 'strategy' } | { kind: 'pm'; pmId: string };

/** Good news, bad news, or a figure to read. Renderers colour by it; nothing else depends on it. */
export type Tone = 'bad' | 'good' | 'neutral';

/**
 * One thing worth saying. `title` and `detail` may carry names from the sources (user-editable):
 * they are plain text here and every renderer escapes them for its format. `path` is the site page
 * that explains the item, a path under the site's root (`/pm/ada/`).
 */
export interface DigestItem {
  title: string;
  detail: string;
  path: string;
  tone: Tone;
}

export interface DigestSection {
  heading: string;
  /** Said when the section has no items, so an empty section reads as checked, not forgotten. */
  empty: string;
  items: DigestItem[];
}

export interface Digest {
  audience: Audience;
  title: string;
  /** The as-of date of the snapshot the digest reports, and of the one it compares with (null: none). */
  asOf: string;
  sinceAsOf: string | null;
  /** What the figures are measured against, when it is not an earlier snapshot (alerts: the state each rule last recorded). */
  basis?: string;
  sections: DigestSection[];
}

/** The line under the title: the snapshot's date and what it is compared with. */
export function basisLine(digest: Digest): string {
  const against = digest.basis ?? (digest.sinceAsOf ? `Changes since ${digest.sinceAsOf}.` : 'No earlier snapshot to compare with.');
  return `Figures as of ${digest.asOf}. ${against}`;
}

/** A published snapshot as the digest reads it: its id and validated documents. */
export interface PublishedSnapshot {
  id: string;
  documents: SnapshotDocuments;
}

/** The digest's inputs: the current snapshot and the earlier one it compares with, when there is one. */
export interface SnapshotPair {
  current: PublishedSnapshot;
  earlier: PublishedSnapshot | undefined;
}

/** Thresholds from the config's `digest` block (config/digest.ts). */
export interface DigestSettings {
  forecastThreshold: number;
  staleSourceHours: number;
  /** `privacy.minGroup`: hours of fewer people are not told to strategy (as on its pages); default 5. */
  minGroup?: number;
}

/** `leadership`, `strategy`, `pm:ID`. */
export function audienceName(audience: Audience): string {
  return audience.kind === 'pm' ? `pm:${audience.pmId}` : audience.kind;
}
