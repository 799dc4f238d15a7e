import { recordKinds, type QuarantineEntry } from '../../functions/domain/index.ts';
import type { Store } from '../../functions/store/index.ts';

/**
 * Everything a sync leaves in the store that the figures rest on, in a stable order: records of
 * every kind, quarantine entries (without the instant they were set aside) and cursors. Two
 * stores with equal states give equal reports; run history is left out, it differs by design.
 */
export interface StoreState {
  records: Record<string, unknown[]>;
  quarantine: Omit<QuarantineEntry, 'at'>[];
  cursors: Record<string, string | undefined>;
}

export async function storeState(store: Store, sources: readonly string[]): Promise<StoreState> {
  const records: Record<string, unknown[]> = {};
  for (const kind of recordKinds) {
    const all: { id: string }[] = [];
    for await (const page of store.scanRecords(kind)) all.push(...page);
    records[kind] = all.sort((a, b) => a.id.localeCompare(b.id));
  }
  const quarantine = (await store.listQuarantine())
    .map(({ at: _at, ...entry }) => entry)
    .sort((a, b) => `${a.source}/${a.kind}/${a.recordId}`.localeCompare(`${b.source}/${b.kind}/${b.recordId}`));
  const cursors: Record<string, string | undefined> = {};
  for (const source of sources) cursors[source] = await store.getCursor(source);
  return { records, quarantine, cursors };
}

/** Counts per kind and the ids seen twice: what "nothing lost, nothing doubled" is checked on. */
export function tally(state: StoreState): { counts: Record<string, number>; duplicates: string[] } {
  const counts: Record<string, number> = {};
  const duplicates: string[] = [];
  for (const [kind, records] of Object.entries(state.records)) {
    counts[kind] = records.length;
    const ids = records.map((record) => (record as { id: string }).id);
    duplicates.push(...ids.filter((id, index) => index > 0 && ids[index - 1] === id));
  }
  return { counts, duplicates };
}

/**
 * Cursor fields that describe the runs, not the data: the wall-clock time of a sync and how many
 * syncs ran since the last full listing (a killed run that got as far as its cursor adds one).
 */
const WALL_CLOCK_FIELDS = ['modifiedSince', 'worklogsSince', 'fullAt', 'syncsSinceFull'];

/**
 * Parts of a cursor are the instant a sync ran (Asana's `modifiedSince`, Jira's worklog and
 * reconcile times), so two runs never agree on them; that they are set is what counts. What
 * comes from the data (Jira's `issuesUpdated`, the known ids) is compared as is.
 */
export function withoutRunTimes(state: StoreState): StoreState {
  const cursors = Object.fromEntries(Object.entries(state.cursors).map(([source, cursor]) => [source, cursor && normalizeCursor(cursor)]));
  return { ...state, cursors };
}

function normalizeCursor(cursor: string): string {
  if (/^\d{4}-\d\d-\d\dT/.test(cursor)) return '(an instant)';
  let parsed: unknown;
  try {
    parsed = JSON.parse(cursor);
  } catch {
    return cursor;
  }
  if (typeof parsed !== 'object' || parsed === null) return cursor;
  const fields = Object.entries(parsed).map(([key, value]) => [key, WALL_CLOCK_FIELDS.includes(key) && value != null ? '(run-dependent)' : value]);
  return JSON.stringify(Object.fromEntries(fields));
}
