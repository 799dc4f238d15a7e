import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readToken } from '../../functions/config/index.ts';
import type { DemoScale } from '../../demo/generator/index.ts';
import { connectorFor } from '../../functions/connectors/registry.ts';
import type { RecordBatch } from '../../functions/connectors/kit/connector.ts';
import { openRuntime, runSync } from '../../functions/pipeline/index.ts';
import { silentLogger } from '../../functions/runtime/logger.ts';
import { collect, perSecond, summarize, summarizeAll } from '../lib/stats.ts';
import { recordPages, replayFetch, type Recording } from './recorded-pages.ts';

/**
 * Connector throughput in records per second from recorded pages: the connectors alone (parse,
 * validate, map), then a full sync into the embedded store. Each run does both, back to back.
 */

const recordsIn = (batch: RecordBatch) =>
  (batch.people?.length ?? 0) + (batch.projects?.length ?? 0) + (batch.tasks?.length ?? 0) +
  (batch.timeEntries?.length ?? 0) + (batch.statusChanges?.length ?? 0);

async function connectorsAlone(recording: Recording): Promise<{ ms: number; records: number }> {
  const fetch = replayFetch(recording.pages);
  let records = 0;
  const started = performance.now();
  for (const source of recording.config.sources) {
    const reader = connectorFor(source).read({ source, token: readToken(source, recording.env), fetch, now: () => new Date(), log: silentLogger });
    for await (const batch of reader) records += recordsIn(batch);
  }
  return { ms: performance.now() - started, records };
}

async function syncIntoStore(recording: Recording): Promise<{ ms: number; records: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'pmpulse-bench-sync-'));
  const config = { ...recording.config, store: { type: 'embedded' as const, dir, table: 'pmpulse' } };
  // The store is opened before the clock starts: opening is start-up, not throughput.
  const runtime = await openRuntime(config, { fetch: replayFetch(recording.pages), log: silentLogger, env: recording.env });
  try {
    const started = performance.now();
    const summary = await runSync(config, { runtime, env: recording.env });
    const ms = performance.now() - started;
    if (!summary.ok) throw new Error(`sync from recorded pages failed: ${summary.runs.map((run) => run.error).join('; ')}`);
    const records = summary.runs.reduce((sum, run) => sum + Object.values(run.counts).reduce((a, n) => a + (n ?? 0), 0), 0);
    return { ms, records };
  } finally {
    await runtime.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function benchConnectors(options: { scale: DemoScale; runs: number }) {
  const recordDir = await mkdtemp(join(tmpdir(), 'pmpulse-bench-record-'));
  try {
    const recording = await recordPages(options.scale, recordDir);
    await connectorsAlone(recording); // warm-up, not counted: the first pass pays for compiling the mappers
    const samples: Record<string, number[]> = {};
    let records = { alone: 0, withStore: 0 };
    for (let run = 0; run < options.runs; run++) {
      const alone = await connectorsAlone(recording);
      const stored = await syncIntoStore(recording);
      records = { alone: alone.records, withStore: stored.records };
      collect(samples, { aloneMs: alone.ms, withStoreMs: stored.ms, storeShare: 1 - alone.ms / stored.ms });
    }
    const ms = summarizeAll(samples);
    return {
      scale: options.scale,
      pages: recording.pages.size,
      records,
      recordsPerSecond: { alone: perSecond(ms.aloneMs!, records.alone), withStore: perSecond(ms.withStoreMs!, records.withStore) },
      ms: { alone: ms.aloneMs!, withStore: ms.withStoreMs! },
      /** Share of the sync's time spent in the store, per run. */
      storeShare: summarize(samples.storeShare!),
    };
  } finally {
    await rm(recordDir, { recursive: true, force: true });
    await rm(`${recordDir}-reports`, { recursive: true, force: true });
  }
}
