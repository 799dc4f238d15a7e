import { recordId } from '../../domain/index.ts';
import type { Logger, RecordBatch } from '../kit/connector.ts';
import { decodeIdSet, deletedSince, encodeIdSet } from '../kit/id-set.ts';
import { isFullSyncDue } from '../kit/sync-state.ts';
import type { JiraClient } from './client.ts';
import { reconcileJql } from './jql.ts';
import type { JiraState } from './state.ts';

/**
 * Deleted issues never show in an incremental search. So the connector keeps the ids it knows,
 * and now and then (kit `isFullSyncDue`: every 24 syncs or once a day) lists every id in scope,
 * ids only; a known id missing from that listing, and not read in this very sync, was deleted
 * (or moved out of the configured JQL, which for pmpulse is the same).
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
}

export type LedgerMarks = Pick<JiraState, 'ids' | 'fullAt' | 'syncsSinceFull'>;

export async function* settleLedger(input: LedgerInput): AsyncGenerator<RecordBatch, LedgerMarks, void> {
  const { state, readIds, now } = input;
  const before = state?.ids !== undefined ? decodeIdSet(state.ids) : undefined;
  if (input.readAll) return { ids: encodeIdSet(readIds), fullAt: now.getTime(), syncsSinceFull: 0 };
  if (before && !input.listAll && !isFullSyncDue(state, now)) {
    return { ids: encodeIdSet([...before, ...readIds]), fullAt: state?.fullAt, syncsSinceFull: (state?.syncsSinceFull ?? 0) + 1 };
  }
  const found = new Set<string>();
  for await (const ids of input.client.issueIdPages(reconcileJql(input.configJql))) for (const id of ids) found.add(id);
  const deleted = before ? deletedSince(before, found, readIds) : [];
  if (!deleted) {
    input.log.warn('reconcile would delete most known issues; keeping them and retrying next sync', { source: input.source, known: before?.size, listed: found.size });
    return { ids: encodeIdSet([...(before ?? []), ...readIds]), fullAt: state?.fullAt, syncsSinceFull: state?.syncsSinceFull };
  }
  if (deleted.length) yield { deletions: [{ kind: 'task', ids: deleted.map((id) => recordId(input.source, id)) }] };
  input.log.info('reconciled Jira issue ids', { source: input.source, listed: found.size, deleted: deleted.length });
  return { ids: encodeIdSet([...found, ...readIds]), fullAt: now.getTime(), syncsSinceFull: 0 };
}
