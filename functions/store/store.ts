import type { QuarantineEntry, RecordKind, RecordOf } from '../domain/index.ts';

/** What one sync of one source did; kept in the store for the data-quality report. */
export interface SyncRun {
  source: string;
  sourceType: string;
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  error?: string;
  /** Records written per kind. */
  counts: Partial<Record<RecordKind, number>>;
  quarantined: number;
  /** Data the source could not give in this run, with the reason (e.g. hours, without time tracking; hour estimates, where estimates are points). */
  unavailable?: { hours?: string; hourEstimates?: string };
  /** False when the run stopped at its deadline before the read was done (the next run goes on); absent on older runs. */
  complete?: boolean;
}

/**
 * A connector's checkpoint (opaque) and the read it belongs to: `read` names its kind (a
 * backfill's start, or '' for a read from the cursor) and `base` the cursor it started from, so a
 * checkpoint outlived by its read (a crash between the cursor and the cleanup) is never used.
 */
export interface SyncCheckpoint {
  checkpoint: string;
  read: string;
  base: string;
}

/**
 * The store every runtime uses: one DynamoDB table (embedded locally, real in AWS).
 * Upserts are idempotent, keyed by record kind + record id.
 */
export interface Store {
  /** Creates the table when it does not exist (embedded and local endpoints only need this). */
  ensureTable(): Promise<void>;
  /** Idempotent upsert of many records of one kind; retries unprocessed items. */
  putRecords<K extends RecordKind>(kind: K, records: readonly RecordOf<K>[]): Promise<void>;
  /**
   * Marks records deleted at the source: a tombstone replaces each record (kept so a late
   * re-delivery of an older version cannot resurrect it) and scans no longer return it.
   */
  deleteRecords(kind: RecordKind, ids: readonly string[], deletedAt: string): Promise<void>;
  /** Drops quarantine entries of records that now map cleanly. */
  releaseQuarantine(source: string, kind: RecordKind, ids: readonly string[]): Promise<void>;
  /** Every stored record of a kind, optionally of one source, page by page. */
  scanRecords<K extends RecordKind>(kind: K, source?: string): AsyncIterable<RecordOf<K>[]>;
  getCursor(source: string): Promise<string | undefined>;
  setCursor(source: string, cursor: string): Promise<void>;
  /** Where an unfinished read of the source goes on (checkpoints.ts); undefined when none is kept. */
  getCheckpoint(source: string): Promise<SyncCheckpoint | undefined>;
  /** Keeps the checkpoint; undefined drops it (the read it belonged to is done). */
  setCheckpoint(source: string, checkpoint: SyncCheckpoint | undefined): Promise<void>;
  putQuarantine(entries: readonly QuarantineEntry[]): Promise<void>;
  listQuarantine(source?: string): Promise<QuarantineEntry[]>;
  putSyncRun(run: SyncRun): Promise<void>;
  /** The latest run of each source. */
  listLatestSyncRuns(): Promise<SyncRun[]>;
  /** Takes a named lease for `ttlMs` unless another owner holds an unexpired one. */
  acquireLease(name: string, owner: string, ttlMs: number): Promise<boolean>;
  releaseLease(name: string, owner: string): Promise<void>;
  close(): Promise<void>;
}
