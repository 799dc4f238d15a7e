import { hostname } from 'node:os';
import type { Config, SourceConfig } from '../config/index.ts';
import { readToken } from '../config/index.ts';
import { connectorFor } from '../connectors/registry.ts';
import type { RecordBatch } from '../connectors/kit/connector.ts';
import type { RecordKind } from '../domain/index.ts';
import type { Store, SyncRun } from '../store/store.ts';
import { withRuntime, type Runtime, type RuntimeOptions } from './runtime.ts';
import { PipelineError, describeError } from './errors.ts';

export interface SyncOptions extends RuntimeOptions {
  /** Source names to sync; all configured sources when absent. */
  sources?: string[];
  /** How long the sync lease lasts before another run may take it over (a crashed run's lease expires). */
  leaseMs?: number;
}

export interface SyncSummary {
  ok: boolean;
  runs: SyncRun[];
}

const LEASE = 'sync';

export async function runSync(config: Config, options: SyncOptions = {}): Promise<SyncSummary> {
  const sources = selectSources(config, options.sources);
  // Tokens are checked before any work, so a missing one is a config error, not a half-done sync.
  const tokens = new Map(sources.map((source) => [source.name, readToken(source, options.env)]));
  return withRuntime(config, options, async (runtime) => {
    const owner = `${hostname()}:${process.pid}:${runtime.now().getTime()}`;
    const leaseMs = options.leaseMs ?? 15 * 60_000;
    if (!(await runtime.store.acquireLease(LEASE, owner, leaseMs))) {
      throw new PipelineError('sync', 'another sync is running (its lease expires within 15 minutes if it crashed)');
    }
    try {
      const runs: SyncRun[] = [];
      for (const source of sources) runs.push(await syncSource(runtime, source, tokens.get(source.name)!));
      return { ok: runs.every((run) => run.ok), runs };
    } finally {
      await runtime.store.releaseLease(LEASE, owner);
    }
  });
}

function selectSources(config: Config, names: string[] | undefined): SourceConfig[] {
  if (!names?.length) return config.sources;
  const unknown = names.filter((name) => !config.sources.some((source) => source.name === name));
  if (unknown.length) throw new PipelineError('sync', `unknown source ${unknown.map((n) => `"${n}"`).join(', ')}`, 2);
  return config.sources.filter((source) => names.includes(source.name));
}

async function syncSource(runtime: Runtime, source: SourceConfig, token: string): Promise<SyncRun> {
  const startedAt = runtime.now().toISOString();
  const counts: Partial<Record<RecordKind, number>> = {};
  let quarantined = 0;
  let error: string | undefined;
  try {
    const cursor = await runtime.store.getCursor(source.name);
    const reader = connectorFor(source).read({ source, token, cursor, fetch: runtime.fetch, now: runtime.now, log: runtime.log });
    let step = await reader.next();
    while (!step.done) {
      quarantined += await storeBatch(runtime.store, step.value, counts);
      step = await reader.next();
    }
    // The cursor moves only after every record before it is stored, so a crash re-reads, never skips.
    if (step.value !== undefined) await runtime.store.setCursor(source.name, step.value);
  } catch (caught) {
    error = describeError(caught);
    runtime.log.error(`sync ${source.name} failed: ${error}`);
  }
  const run: SyncRun = {
    source: source.name,
    sourceType: source.type,
    startedAt,
    finishedAt: runtime.now().toISOString(),
    ok: error === undefined,
    ...(error === undefined ? {} : { error }),
    counts,
    quarantined,
  };
  await runtime.store.putSyncRun(run);
  if (run.ok) runtime.log.info(`synced ${source.name}`, { ...counts, quarantined });
  return run;
}

async function storeBatch(store: Store, batch: RecordBatch, counts: Partial<Record<RecordKind, number>>): Promise<number> {
  const parts: [RecordKind, readonly unknown[] | undefined][] = [
    ['person', batch.people],
    ['project', batch.projects],
    ['task', batch.tasks],
    ['timeEntry', batch.timeEntries],
  ];
  await Promise.all(
    parts.map(async ([kind, records]) => {
      if (!records?.length) return;
      await store.putRecords(kind, records as never);
      counts[kind] = (counts[kind] ?? 0) + records.length;
    }),
  );
  if (batch.quarantined?.length) await store.putQuarantine(batch.quarantined);
  return batch.quarantined?.length ?? 0;
}
