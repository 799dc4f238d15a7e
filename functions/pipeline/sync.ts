import { hostname } from 'node:os';
import type { Config, SourceConfig } from '../config/index.ts';
import { readToken } from '../config/index.ts';
import { connectorFor } from '../connectors/registry.ts';
import type { RecordBatch } from '../connectors/kit/connector.ts';
import type { RecordKind } from '../domain/index.ts';
import type { SyncRun } from '../store/store.ts';
import { withStoreRuntime, type StoreRuntime, type StoreRuntimeOptions } from './store-runtime.ts';
import { PipelineError, describeError } from './errors.ts';
import type { HeldLease } from './lease.ts';
import { holdSourceLeases } from './source-leases.ts';
import { trackQuarantine, type QuarantineRelease } from './quarantine-release.ts';
import type { SyncProgressListener } from './sync-progress.ts';
import type { SyncDeadline } from './deadline.ts';
import { readPosition } from './read-position.ts';
import { unfinishedFirst } from './source-order.ts';

/** Sync needs the store only; a full `Runtime` (the CLI's) fits `runtime` as well. */
export interface SyncOptions extends StoreRuntimeOptions {
  /** Source names to sync; all configured sources when absent. */
  sources?: string[];
  /** A backfill: each source re-reads everything changed since this instant. */
  since?: Date;
  /**
   * How long the sync lease lasts unless renewed; it is renewed every third of this while the sync
   * runs, so it bounds only how long a crashed run blocks the next one (default 2 minutes).
   */
  leaseMs?: number;
  /** Called after every stored page and once at the end of each source (the CLI's progress line). */
  onProgress?: SyncProgressListener;
  /**
   * When to stop: checked after each stored checkpoint, so a run stops where the next one goes on
   * (deadline.ts). Without one a sync reads every source to the end.
   */
  deadline?: SyncDeadline;
}

export interface SyncSummary {
  ok: boolean;
  /** No selected source is left part-way (or never synced); false when the run stopped at its deadline before. */
  complete: boolean;
  /**
   * Each selected source, in config order. One the deadline kept from starting is complete when its
   * last read finished, and not when it was part-read or never synced.
   */
  sources: { source: string; complete: boolean }[];
  runs: SyncRun[];
}

export async function runSync(config: Config, options: SyncOptions = {}): Promise<SyncSummary> {
  const sources = selectSources(config, options.sources);
  // Tokens are checked before any work, so a missing one is a config error, not a half-done sync.
  const tokens = new Map(sources.map((source) => [source.name, readToken(source, options.env)]));
  return withStoreRuntime(config, options, async (runtime) => {
    const owner = `${hostname()}:${process.pid}:${runtime.now().getTime()}`;
    const leaseMs = options.leaseMs ?? 2 * 60_000;
    const lease = await holdSourceLeases({ store: runtime.store, sources: sources.map((source) => source.name), owner, ttlMs: leaseMs, log: runtime.log });
    if (!lease) {
      const within = leaseMs >= 60_000 ? `${Math.ceil(leaseMs / 60_000)} minute(s)` : `${Math.ceil(leaseMs / 1000)} s`;
      throw new PipelineError('sync', `another sync is running; nothing done (if it crashed, its lease expires within ${within})`);
    }
    try {
      const runs: SyncRun[] = [];
      const { order, finished } = await unfinishedFirst(runtime, sources);
      for (const source of order) {
        // The first source always runs to a checkpoint, so a loop of runs ends; the rest wait for the next run.
        if (runs.length > 0 && options.deadline?.isNear()) break;
        runs.push(await syncSource(runtime, lease, source, tokens.get(source.name)!, options));
      }
      lease.assertHeld();
      // A source the deadline kept from starting is complete when its last read finished: nothing of it is left part-way.
      const outcomes = sources.map((source) => ({ source: source.name, complete: runs.find((run) => run.source === source.name)?.complete ?? finished.has(source.name) }));
      return { ok: runs.every((run) => run.ok), complete: outcomes.every((outcome) => outcome.complete), sources: outcomes, runs };
    } finally {
      await lease.release();
    }
  });
}

function selectSources(config: Config, names: string[] | undefined): SourceConfig[] {
  if (!names?.length) return config.sources;
  const unknown = names.filter((name) => !config.sources.some((source) => source.name === name));
  if (unknown.length) throw new PipelineError('sync', `unknown source ${unknown.map((n) => `"${n}"`).join(', ')}`, 2);
  return config.sources.filter((source) => names.includes(source.name));
}

async function syncSource(
  runtime: StoreRuntime,
  lease: HeldLease,
  source: SourceConfig,
  token: string,
  { since, onProgress, deadline }: SyncOptions,
): Promise<SyncRun> {
  const startedAt = runtime.now().toISOString();
  const counts: Partial<Record<RecordKind, number>> = {};
  let quarantined = 0;
  let error: string | undefined;
  let unavailable: SyncRun['unavailable'];
  // Elapsed time is the wall clock's, not runtime.now (which tests and replays may fix).
  const clockStart = performance.now();
  let pages = 0;
  let records = 0;
  let stopped = false;
  let checkpointed = false;
  const report = (finished: boolean) => onProgress?.({ source: source.name, pages, records, elapsedMs: performance.now() - clockStart, finished, ...(stopped ? { stopped } : {}) });
  try {
    const position = await readPosition(runtime.store, source.name, since, runtime.log);
    const release = await trackQuarantine(runtime.store, source.name);
    const reader = connectorFor(source).read({
      source,
      token,
      ...(position.cursor === undefined ? {} : { cursor: position.cursor }),
      ...(position.checkpoint === undefined ? {} : { checkpoint: position.checkpoint }),
      ...(since === undefined ? {} : { since }),
      fetch: runtime.fetch,
      now: runtime.now,
      log: runtime.log,
    });
    let step = await reader.next();
    while (!step.done) {
      lease.assertHeld();
      quarantined += await storeBatch(runtime, source.name, step.value, counts, release);
      if (step.value.unavailable) unavailable = { ...unavailable, ...step.value.unavailable };
      pages += 1;
      records += batchSize(step.value);
      report(false);
      // Like the cursor, a checkpoint is kept only once its batch and every one before it are stored.
      if (step.value.checkpoint !== undefined) {
        lease.assertHeld();
        await runtime.store.setCheckpoint(source.name, position.stamp(step.value.checkpoint));
        checkpointed = true;
        // Never stop where this run began: a run that stopped there again would make no progress.
        if (step.value.checkpoint !== position.checkpoint && deadline?.isNear()) {
          stopped = true;
          break;
        }
      }
      step = await reader.next();
    }
    if (stopped) {
      await reader.return(undefined);
      runtime.log.info(`${source.name}: stopped at the deadline after ${pages} pages; the next run continues`);
    } else {
      // The cursor moves only after every record before it is stored, so a crash re-reads, never skips.
      lease.assertHeld();
      if (step.done && step.value !== undefined) await runtime.store.setCursor(source.name, step.value);
      // After the cursor: a crash in between leaves a checkpoint whose base no longer matches.
      if (checkpointed || position.kept) await runtime.store.setCheckpoint(source.name, undefined);
    }
  } catch (caught) {
    error = describeError(caught);
    runtime.log.error(`sync ${source.name} failed: ${error}`);
  }
  report(true);
  // A failed or unfinished run leaves the stored data as the last good one left it: so are its gaps.
  if ((error !== undefined || stopped) && unavailable === undefined) unavailable = (await runtime.store.listLatestSyncRuns()).find((last) => last.source === source.name)?.unavailable;
  const run: SyncRun = {
    source: source.name,
    sourceType: source.type,
    startedAt,
    finishedAt: runtime.now().toISOString(),
    ok: error === undefined,
    ...(error === undefined ? {} : { error }),
    counts,
    quarantined,
    ...(unavailable ? { unavailable } : {}),
    complete: error === undefined && !stopped,
  };
  await runtime.store.putSyncRun(run);
  if (run.ok && run.complete) runtime.log.info(`synced ${source.name}`, { ...counts, quarantined });
  return run;
}

async function storeBatch(
  runtime: StoreRuntime,
  source: string,
  batch: RecordBatch,
  counts: Partial<Record<RecordKind, number>>,
  release: QuarantineRelease,
): Promise<number> {
  const { store } = runtime;
  const parts: [RecordKind, readonly unknown[] | undefined][] = [
    ['person', batch.people],
    ['project', batch.projects],
    ['task', batch.tasks],
    ['timeEntry', batch.timeEntries],
    ['statusChange', batch.statusChanges],
  ];
  await Promise.all(
    parts.map(async ([kind, records]) => {
      if (!records?.length) return;
      await store.putRecords(kind, records as never);
      counts[kind] = (counts[kind] ?? 0) + records.length;
      await release.stored(kind, records as { sourceId: string }[]);
    }),
  );
  for (const { kind, ids } of batch.deletions ?? []) {
    if (ids.length) await store.deleteRecords(kind, ids, runtime.now().toISOString());
  }
  for (const { kind, ids } of batch.released ?? []) {
    if (ids.length) await store.releaseQuarantine(source, kind, ids);
  }
  if (batch.quarantined?.length) await store.putQuarantine(batch.quarantined);
  return batch.quarantined?.length ?? 0;
}

function batchSize(batch: RecordBatch): number {
  const { people, projects, tasks, timeEntries, statusChanges, quarantined } = batch;
  return (people?.length ?? 0) + (projects?.length ?? 0) + (tasks?.length ?? 0) + (timeEntries?.length ?? 0) + (statusChanges?.length ?? 0) + (quarantined?.length ?? 0);
}
