import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Config } from '../config/index.ts';
import { PipelineError } from '../pipeline/errors.ts';
import { runSync, type SyncSummary } from '../pipeline/sync.ts';
import { syncOptionsFor } from './backfill.ts';
import { SyncEventSchema, type SyncEvent } from './events.ts';
import { loadRuntimeConfig } from './runtime-config.ts';
import { loadSecrets } from './secrets.ts';
import { createStepHandler, type HandlerEffects } from './step-handler.ts';

export interface SyncResult {
  step: 'sync';
  kind: SyncEvent['kind'];
  /** A backfill's start: every source re-read what changed from then on. */
  since?: string;
  /**
   * Whether every source read to its end; false when a run stopped at its deadline and the next
   * one continues from the checkpoint (the pipeline's state machine then runs sync again).
   */
  complete: boolean;
  sources: { source: string; complete: boolean; counts: SyncSummary['runs'][number]['counts']; quarantined: number }[];
}

/** Sync as a Lambda: every source (or the event's one `source`, or a backfill's named sources) from its cursor, or from `from`. */
export function createSyncHandler(config: Config, effects: HandlerEffects = {}) {
  return createStepHandler<SyncEvent, SyncResult>(
    {
      step: 'sync',
      schema: SyncEventSchema,
      async run(event, { log, metrics }) {
        const options = syncOptionsFor(event);
        const summary = await runSync(config, { ...options, ...(effects.now ? { now: effects.now } : {}), log });
        const records = summary.runs.reduce((sum, run) => sum + Object.values(run.counts).reduce((a, n) => a + (n ?? 0), 0), 0);
        metrics.addMetric('RecordsSynced', MetricUnit.Count, records);
        metrics.addMetric('RecordsQuarantined', MetricUnit.Count, summary.runs.reduce((sum, run) => sum + run.quarantined, 0));
        return toResult(event, options.since, summary);
      },
    },
    effects,
  );
}

/** A failed source fails the invocation, so the Errors metric and the DLQ show it; the others' records stay stored. */
function toResult(event: SyncEvent, since: Date | undefined, summary: SyncSummary): SyncResult {
  const failed = summary.runs.filter((run) => !run.ok);
  if (failed.length) {
    throw new PipelineError('sync', failed.map((run) => `${run.source} failed: ${run.error ?? 'unknown error'}`).join('; '));
  }
  // A run reads each source to its end today; a run that stops at its deadline will report false here.
  const sources = summary.runs.map((run) => ({ source: run.source, complete: true, counts: run.counts, quarantined: run.quarantined }));
  return {
    step: 'sync',
    kind: event.kind,
    ...(since ? { since: since.toISOString() } : {}),
    complete: sources.every((source) => source.complete),
    sources,
  };
}

// Init: connector tokens from Secrets Manager first, then the config (read once per execution environment).
await loadSecrets();
export const handler = createSyncHandler(loadRuntimeConfig());
