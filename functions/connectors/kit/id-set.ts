/**
 * A compact text form of a set of numeric ids (Jira issue ids, Asana gids), kept in a cursor so a
 * connector can tell which records vanished from the source since it last listed them all.
 * Ids are sorted and written as runs: `delta` or `delta.length`, base 36, deltas from the end of
 * the previous run. Jira ids are mostly consecutive, so 20,000 issues take a few hundred bytes;
 * sparse Asana gids take about 7 bytes each.
 */

export function encodeIdSet(ids: Iterable<string>): string {
  const sorted = [...new Set(ids)].map(toBigInt).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const runs: string[] = [];
  let previousEnd = 0n;
  for (let i = 0; i < sorted.length; ) {
    const start = sorted[i]!;
    let length = 1;
    while (i + length < sorted.length && sorted[i + length] === start + BigInt(length)) length += 1;
    const delta = (start - previousEnd).toString(36);
    runs.push(length === 1 ? delta : `${delta}.${length.toString(36)}`);
    previousEnd = start + BigInt(length - 1);
    i += length;
  }
  return runs.join(',');
}

export function decodeIdSet(text: string): Set<string> {
  const ids = new Set<string>();
  if (text === '') return ids;
  let previousEnd = 0n;
  for (const run of text.split(',')) {
    const [delta = '', length = '1'] = run.split('.');
    const start = previousEnd + parseBase36(delta);
    const count = Number.parseInt(length, 36);
    for (let k = 0; k < count; k += 1) ids.add(String(start + BigInt(k)));
    previousEnd = start + BigInt(count - 1);
  }
  return ids;
}

/** Ids in `before` that are neither in `now` nor in `keep` (records read this very sync). */
export function vanished(before: ReadonlySet<string>, now: ReadonlySet<string>, keep: ReadonlySet<string> = new Set()): string[] {
  return [...before].filter((id) => !now.has(id) && !keep.has(id));
}

function toBigInt(id: string): bigint {
  if (!/^\d+$/.test(id)) throw new RangeError(`id set holds numeric ids only, got "${id}"`);
  return BigInt(id);
}

function parseBase36(text: string): bigint {
  let value = 0n;
  for (const char of text) value = value * 36n + BigInt(Number.parseInt(char, 36));
  return value;
}

/** A listing that would delete more than this share of known records is distrusted. */
const maxDeletedShare = 0.5;

/**
 * The ids a full listing shows deleted, or undefined when the listing looks broken: it would
 * delete most of what was known (a filter gone wrong, a permission lost), which a data team must
 * look at before anything is removed.
 */
export function deletedSince(before: ReadonlySet<string>, listed: ReadonlySet<string>, readNow: ReadonlySet<string>): string[] | undefined {
  const deleted = vanished(before, listed, readNow);
  if (before.size > 10 && deleted.length > before.size * maxDeletedShare) return undefined;
  return deleted;
}
