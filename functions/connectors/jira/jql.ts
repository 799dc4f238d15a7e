/**
 * The JQL of an incremental sync. Jira reads bare dates in the user's time zone, so the bound is
 * in epoch milliseconds; its search is eventually consistent, so each sync re-reads an overlap
 * before the cursor (re-reading is harmless: the store's upserts are idempotent).
 */

export const overlapMs = 5 * 60 * 1000;

export function syncJql(configJql: string | undefined, cursor: number | undefined): string {
  const since = cursor === undefined ? 0 : Math.max(0, cursor - overlapMs);
  return `${scopedJql(configJql, `updated >= ${since}`)} ORDER BY updated ASC`;
}

/**
 * The listing of a resumed read: from the newest `updated` already stored, with no overlap (it is
 * the same read going on, not a new one after an eventually consistent index).
 */
export function resumeJql(configJql: string | undefined, newest: number): string {
  return `${scopedJql(configJql, `updated >= ${newest}`)} ORDER BY updated ASC`;
}

/**
 * Every issue in scope, oldest first, for the id-only reconcile listing. Ordered by creation so
 * issues edited while the listing pages cannot move between pages.
 */
export function reconcileJql(configJql: string | undefined): string {
  return `${scopedJql(configJql, 'updated >= 0')} ORDER BY created ASC`;
}

/** `clause` within the configured filter (its ORDER BY dropped). */
export function scopedJql(configJql: string | undefined, clause: string): string {
  const filter = configJql?.replace(/\border\s+by\b[\s\S]*$/i, '').trim();
  if (!filter) return clause;
  // AND binds tighter than OR in JQL: a filter with OR must be grouped to keep its meaning.
  const grouped = /\bor\b/i.test(filter) ? `(${filter})` : filter;
  return `${grouped} AND ${clause}`;
}

/** The cursor of earlier versions: the newest `updated` seen, in epoch ms. */
export function parseCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined || !/^\d+$/.test(cursor)) return undefined;
  return Number(cursor);
}
