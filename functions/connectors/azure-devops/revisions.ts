import type { RecordBatch } from '../kit/connector.ts';
import type { PeopleLedger } from '../kit/people.ts';
import type { QuarantineBin } from '../kit/quarantine.ts';
import * as z from 'zod';
import type { AdoClient } from './client.ts';
import { mapWorkItem, type WorkItemView } from './history.ts';
import { mapAdoProject } from './map.ts';
import type { StateBook } from './states.ts';
import { adoField, AdoRevisionSchema, type AdoRevision } from './schema.ts';

/**
 * One batch of the revisions feed → one batch of records. Each work item a batch touches is mapped
 * from its whole history: the revisions this read has seen when they run unbroken from the first,
 * else every revision read again with `workItems/{id}/revisions` (an incremental read, or a read
 * resumed in another run, starts mid-history). A revision that does not fit is quarantined; a
 * work item whose latest revision does not fit is left as the store has it.
 */

export interface RevisionReader {
  source: string;
  project: string;
  client: AdoClient;
  bin: QuarantineBin;
  people: PeopleLedger;
  states: StateBook;
  view: Omit<WorkItemView, 'statusOf'>;
  /** Revisions seen in this read, by work item id and rev (null: did not fit). */
  histories: Map<number, Map<number, AdoRevision | null>>;
  /** Area keys whose project record this read has yielded. */
  projectsSeen: Set<string>;
  teams: readonly string[];
  /** The fields the feed is asked for. */
  fields: ReadonlySet<string>;
  /** Default maxRememberedRevisions. */
  maxRevisions?: number;
  /**
   * The latest revision mapped of each work item in this read, over all projects: a work item
   * moved to another project shows its earlier revisions in the old project's feed, which must
   * not overwrite what the new project's feed gave.
   */
  mappedRev: Map<number, number>;
}

/**
 * Revisions kept in memory across the batches of one read. Past it the memory is emptied: a work
 * item a later batch touches is then read again whole, which costs a request but never a figure.
 */
export const maxRememberedRevisions = 200_000;

export async function mapRevisionBatch(reader: RevisionReader, rawValues: readonly unknown[]): Promise<RecordBatch> {
  if (remembered(reader.histories) > (reader.maxRevisions ?? maxRememberedRevisions)) reader.histories.clear();
  const touched = new Set<number>();
  for (const raw of rawValues) {
    const id = (raw as { id?: unknown } | null)?.id;
    const rev = (raw as { rev?: unknown } | null)?.rev;
    const parsed = reader.bin.map('task', AdoRevisionSchema, raw, (revision) => revision);
    if (typeof id !== 'number' || typeof rev !== 'number') continue;
    remember(reader, id, rev, parsed ?? null);
    touched.add(id);
  }
  await Promise.all([...touched].filter((id) => !unbroken(reader.histories.get(id)!)).map((id) => reread(reader, id)));
  const items = [...touched].map((id) => ordered(reader.histories.get(id)!)).filter((revisions) => revisions !== undefined);
  await reader.states.load(reader.project, items.flatMap((revisions) => revisions.map((revision) => revision.fields[adoField.type])));

  const batch: Required<Pick<RecordBatch, 'tasks' | 'statusChanges' | 'timeEntries' | 'projects' | 'people'>> = { tasks: [], statusChanges: [], timeEntries: [], projects: [], people: [] };
  const withdrawn: string[] = [];
  const view: WorkItemView = { ...reader.view, statusOf: (type, state) => reader.states.statusOf(reader.project, type, state) };
  for (const revisions of items) {
    const newest = revisions[revisions.length - 1]!;
    if ((reader.mappedRev.get(newest.id) ?? 0) > newest.rev) continue;
    reader.mappedRev.set(newest.id, newest.rev);
    const mapped = reader.bin.map('task', z.unknown(), revisions[revisions.length - 1], () => mapWorkItem(view, revisions));
    if (!mapped) continue;
    batch.tasks.push(mapped.task);
    batch.statusChanges.push(...mapped.statusChanges);
    batch.timeEntries.push(...mapped.timeEntries);
    withdrawn.push(...mapped.withdrawnEntries);
    batch.people.push(...mapped.people);
    if (!reader.projectsSeen.has(mapped.projectKey)) {
      reader.projectsSeen.add(mapped.projectKey);
      batch.projects.push(mapAdoProject(reader.source, mapped.projectKey, reader.teams));
    }
  }
  return {
    ...batch,
    people: reader.people.admit(batch.people),
    quarantined: reader.bin.drain(),
    ...(withdrawn.length ? { deletions: [{ kind: 'timeEntry' as const, ids: withdrawn }] } : {}),
  };
}

function remembered(histories: RevisionReader['histories']): number {
  let count = 0;
  for (const history of histories.values()) count += history.size;
  return count;
}

function remember(reader: RevisionReader, id: number, rev: number, revision: AdoRevision | null): void {
  let history = reader.histories.get(id);
  if (!history) reader.histories.set(id, (history = new Map()));
  history.set(rev, revision);
}

/** Revisions 1..n all present (a quarantined one counts as present). */
function unbroken(history: Map<number, AdoRevision | null>): boolean {
  const highest = Math.max(...history.keys());
  for (let rev = 1; rev <= highest; rev += 1) if (!history.has(rev)) return false;
  return true;
}

/** The valid revisions in order; undefined when the latest did not fit. */
function ordered(history: Map<number, AdoRevision | null>): AdoRevision[] | undefined {
  const revs = [...history.keys()].sort((a, b) => a - b);
  if (history.get(revs[revs.length - 1]!) === null) return undefined;
  return revs.map((rev) => history.get(rev)).filter((revision): revision is AdoRevision => revision != null);
}

async function reread(reader: RevisionReader, id: number): Promise<void> {
  for (const raw of await reader.client.workItemRevisions(reader.project, id)) {
    const rev = (raw as { rev?: unknown } | null)?.rev;
    if (typeof rev !== 'number') continue;
    const known = reader.histories.get(id)?.get(rev);
    if (known !== undefined) continue;
    remember(reader, id, rev, reader.bin.map('task', AdoRevisionSchema, raw, (revision) => trimmed(revision, reader.fields)) ?? null);
  }
}

/** A revision read whole (every field of the work item) keeps only the fields the feed is asked for. */
function trimmed(revision: AdoRevision, fields: ReadonlySet<string>): AdoRevision {
  return { ...revision, fields: Object.fromEntries(Object.entries(revision.fields).filter(([name]) => fields.has(name))) as AdoRevision['fields'] };
}
