import type { Digest } from '../model.ts';

/**
 * A mail's subject: what the digest is and the date of the snapshot it reports. The digest's own
 * title says both ("pmpulse weekly digest for leadership, 2026-11-01", "pmpulse alerts,
 * 2026-11-01"); a subject keeps it under the length mail clients show in a list.
 */
export const SUBJECT_CHARS = 120;

export function subjectOf(digest: Digest): string {
  const title = digest.title.replace(/\s+/g, ' ').trim();
  if (title.length <= SUBJECT_CHARS) return title;
  // The date closes the title; a long PM name is cut, never the date.
  const suffix = `, ${digest.asOf}`;
  const head = title.endsWith(suffix) ? title.slice(0, -suffix.length) : title;
  return `${head.slice(0, SUBJECT_CHARS - suffix.length - 1)}…${suffix}`;
}
