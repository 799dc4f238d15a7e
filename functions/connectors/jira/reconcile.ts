import { recordId } from '../../domain/index.ts';
import type { Logger, RecordBatch } from '../kit/connector.ts';
import { encodeCheckpoint, maxCheckpointChars, withCheckpoint } from '../kit/checkpoint.ts';
import { isHttpError } from '../kit/errors.ts';
import { decodeIdSet, deletedSince, encodeIdSet } from '../kit/id-set.ts';
import { isFullSyncDue } from '../kit/sync-state.ts';
import type { IdPage, JiraClient } from './client.ts';
import { reconcileJql, scopedJql } from './jql.ts';
import type { JiraState } from './state.ts';

/**
 * Deleted issues never show in an incremental search. So the connector keeps the ids it knows,
 * and now and then (kit `isFullSyncDue`: every 24 syncs or once a day) lists every id in scope,
 * ids only; a known id missing from that listing, and not read in this very sync, was deleted
 * (or moved out of the configured JQL, which for pmpulse is the same).
 *
 * On a large site the listing alone may outlast a run: each page but the last carries a
 * checkpoint (the next page token and the ids listed so far), and the next run goes on from it.
 * A token Jira refuses (400: invalid or expired; a saved one, or one that aged between two pages)
 * starts the listing over once per run, keeping the ids already listed. A listing that went on
 * across runs, or started over, confirms each id it would delete with a search by id before
 * deleting it, so an issue that a page skipped while the site changed between runs is never deleted.
 */

export interface LedgerInput {
  client: JiraClient;
  source: string;
  configJql: string | undefined;
  log: Logger;
  state: JiraState | undefined;
  /** This sync read every issue in scope (no cursor): the ids read are the full listing. */
  readAll: boolean;
  /**
   * List every id whatever the policy says: the read spanned runs, so the ids its earlier runs
   * read are not at hand, and only a listing makes the known ids whole again.
   */
  listAll?: boolean;
  readIds: ReadonlySet<string>;
  now: Date;
  /** Where an earlier run left the listing. */
  resume?: IdListingPosition | undefined;
  /** The checkpoint of a listing position (index.ts adds what the rest of the read keeps). */
  mark?: (position: IdListingPosition) => object;
  /** The longest checkpoint offered; kit `maxCheckpointChars` unless a test asks for less. */
  maxCheckpointChars?: number;
}

/** Where the id listing stands: the token of its next page, and the ids listed so far (kit/id-set.ts). */
export interface IdListingPosition {
  at: string;
  found: string;
}

export type LedgerMarks = Pick<JiraState, 'ids' | 'fullAt' | 'syncsSinceFull'>;

/** Ids per confirming search: `id in (...)` of 100 ids keeps the JQL short enough for a GET. */
const confirmBatch = 100;

export async function* settleLedger(input: LedgerInput): AsyncGenerator<RecordBatch, LedgerMarks, void> {
  const { state, readIds, now } = input;
  const before = state?.ids !== undefined ? decodeIdSet(state.ids) : undefined;
  if (input.readAll) return { ids: encodeIdSet(readIds), fullAt: now.getTime(), syncsSinceFull: 0 };
  if (before && !input.listAll && !input.resume && !isFullSyncDue(state, now)) {
    return { ids: encodeIdSet([...before, ...readIds]), fullAt: state?.fullAt, syncsSinceFull: (state?.syncsSinceFull ?? 0) + 1 };
  }
  const restart = { done: false };
  const found = yield* listIds(input, restart);
  const missing = before ? deletedSince(before, found, readIds) : [];
  if (!missing) {
    input.log.warn('reconcile would delete most known issues; keeping them and retrying next sync', { source: input.source, known: before?.size, listed: found.size });
    return { ids: encodeIdSet([...(before ?? []), ...readIds]), fullAt: state?.fullAt, syncsSinceFull: state?.syncsSinceFull };
  }
  // A listing that went on across runs, or started over, may have missed issues while the site changed under it.
  const kept = (input.resume || restart.done) && missing.length ? await stillInScope(input, missing) : new Set<string>();
  const deleted = missing.filter((id) => !kept.has(id));
  if (kept.size) input.log.info('the resumed id listing missed issues a search by id still finds; they are kept', { source: input.source, kept: kept.size });
  if (deleted.length) yield { deletions: [{ kind: 'task', ids: deleted.map((id) => recordId(input.source, id)) }] };
  input.log.info('reconciled Jira issue ids', { source: input.source, listed: found.size, deleted: deleted.length });
  return { ids: encodeIdSet([...found, ...readIds, ...kept]), fullAt: now.getTime(), syncsSinceFull: 0 };
}

/** Every id in scope, from `input.resume` when given; each page but the last yields a checkpoint. */
async function* listIds(input: LedgerInput, restart: { done: boolean }): AsyncGenerator<RecordBatch, Set<string>, void> {
  const found = input.resume ? decodeIdSet(input.resume.found) : new Set<string>();
  const jql = reconcileJql(input.configJql);
  let from = input.resume?.at;
  let pages = input.client.issueIdPages(jql, from);
  let tooLarge = false;
  for (;;) {
    let step: IteratorResult<IdPage>;
    try {
      step = await pages.next();
    } catch (error) {
      if (from === undefined || restart.done || !isHttpError(error) || error.status !== 400) throw error;
      input.log.warn('Jira refused a page token of the id listing (tokens expire); listing again from the start, keeping the ids already listed', { source: input.source, listed: found.size });
      [from, restart.done] = [undefined, true];
      pages = input.client.issueIdPages(jql);
      continue;
    }
    if (step.done) return found;
    for (const id of step.value.ids) found.add(id);
    from = step.value.next;
    if (from === undefined || !input.mark) continue;
    const checkpoint = input.mark({ at: from, found: encodeIdSet(found) });
    if (encodeCheckpoint(checkpoint).length <= (input.maxCheckpointChars ?? maxCheckpointChars)) {
      yield withCheckpoint({}, checkpoint);
    } else if (!tooLarge) {
      tooLarge = true;
      input.log.warn('the ids listed no longer fit a checkpoint; the listing goes on to its end in this run', { source: input.source, listed: found.size });
    }
  }
}

/** Which of `ids` a search by id still finds in scope. */
async function stillInScope(input: LedgerInput, ids: readonly string[]): Promise<Set<string>> {
  const present = new Set<string>();
  for (let at = 0; at < ids.length; at += confirmBatch) {
    const jql = scopedJql(input.configJql, `id in (${ids.slice(at, at + confirmBatch).join(', ')})`);
    for await (const page of input.client.issueIdPages(jql)) for (const id of page.ids) present.add(id);
  }
  return present;
}
