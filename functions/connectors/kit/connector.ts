import type { Person, Project, QuarantineEntry, RecordKind, StatusChange, Task, TimeEntry } from '../../domain/index.ts';
import type { SourceConfig } from '../../config/index.ts';
import type { Logger } from '../../runtime/logger.ts';

/** One batch of mapped domain records, handed to the store as it arrives. */
export interface RecordBatch {
  people?: Person[];
  projects?: Project[];
  tasks?: Task[];
  timeEntries?: TimeEntry[];
  statusChanges?: StatusChange[];
  quarantined?: QuarantineEntry[];
  /** Records the source deleted (record ids): the store keeps a tombstone and stops returning them. */
  deletions?: { kind: RecordKind; ids: string[] }[];
  /**
   * Record ids whose quarantine is over: they mapped cleanly this time (the source was fixed),
   * so their quarantine entries are released.
   */
  released?: { kind: RecordKind; ids: string[] }[];
  /**
   * Data the source cannot give at all, with the reason (e.g. `hours`: the plan lacks time
   * tracking). Kept on the sync run, so the reports show the figures as unavailable, not as 0.
   */
  unavailable?: SourceGaps;
  /**
   * Where the read resumes once this batch and every one before it is stored (kit/checkpoint.ts):
   * opaque to the pipeline, which keeps it only then and hands it back as `context.checkpoint`
   * when a run stopped at its deadline (or crashed) before the read finished.
   */
  checkpoint?: string;
}

/** What a source cannot give, by kind of data, with the reason. */
export interface SourceGaps {
  hours?: string;
  /**
   * The source has no estimates in hours (Linear's estimates are points): its tasks plan and earn
   * nothing, so the figures built on a cost baseline (SPI, CPI, estimate accuracy) are unavailable.
   */
  hourEstimates?: string;
}

/** Connectors log through the runtime's Logger; re-exported so a connector imports one module. */
export type { Logger };

/** Everything a connector may touch, passed in so tests can swap any of it. */
export interface SyncContext<C extends SourceConfig = SourceConfig> {
  source: C;
  token: string;
  /** The cursor the previous successful sync of this source returned. */
  cursor?: string;
  /** A backfill: read everything changed since this instant, whatever the cursor says. */
  since?: Date;
  /**
   * The last checkpoint an unfinished read of the same cursor (and the same `since`) yielded:
   * continue from there. An unreadable one means starting the read over, never a crash.
   */
  checkpoint?: string;
  fetch: typeof fetch;
  now: () => Date;
  log: Logger;
  signal?: AbortSignal;
  /** Waits between retries; defaults to a real timer. Tests pass one that returns at once. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source for retry backoff, in [0, 1); defaults to Math.random. */
  random?: () => number;
}

/**
 * A source connector. `read` yields batches of domain records; its return value is the cursor
 * the next sync resumes from, stored only after every batch before it was stored.
 */
export interface Connector<C extends SourceConfig = SourceConfig> {
  type: C['type'];
  read(context: SyncContext<C>): AsyncGenerator<RecordBatch, string | undefined, void>;
}
