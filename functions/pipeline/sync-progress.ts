/**
 * How far a sync of one source has come, reported after every page it stores, so a person
 * watching a first sync of a large site (many minutes) sees it move. The figures are the
 * runner's own counts; nothing here touches the store.
 */
export interface SyncProgress {
  source: string;
  /** Pages (record batches) stored so far. */
  pages: number;
  /** Records stored so far, every kind together (quarantined ones included). */
  records: number;
  elapsedMs: number;
  /** True on the last report of the source: its read ended (well or not). */
  finished: boolean;
  /** On the last report: the run stopped at its deadline before the read was done; the next run goes on. */
  stopped?: boolean;
}

export type SyncProgressListener = (progress: SyncProgress) => void;
