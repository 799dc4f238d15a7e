import type { Config } from '../config/index.ts';
import { PipelineError, runSync, type SyncSummary } from '../pipeline/index.ts';
import { SyncEventSchema, type SyncEvent } from './events.ts';
import { loadRuntimeConfig } from './runtime-config.ts';
import { createStepHandler, type HandlerEffects } from './step-handler.ts';

export interface SyncResult {
  step: 'sync';
  kind: SyncEvent['kind'];
  sources: { source: string; counts: SyncSummary['runs'][number]['counts']; quarantined: number }[];
}

/** Sync as a Lambda: every source (or a backfill's named sources) from its cursor onwards. */
export function createSyncHandler(config: Config, effects: HandlerEffects = {}) {
  return createStepHandler<SyncEvent, SyncResult>(
    {
      step: 'sync',
      schema: SyncEventSchema,
      async run(event, { log }) {
        const backfill = event.kind === 'backfill' ? event : undefined;
        if (backfill) {
          // The sync service reads from each source's cursor; a date range is not one of its options yet.
          log.warn('backfill range is recorded but not applied: sources sync from their cursors', { from: backfill.from, to: backfill.to });
        }
        const summary = await runSync(config, {
          ...(backfill?.sources ? { sources: backfill.sources } : {}),
          ...(effects.now ? { now: effects.now } : {}),
          log,
        });
        return toResult(event, summary);
      },
    },
    effects,
  );
}

/** A failed source fails the invocation, so the Errors metric and the DLQ show it; the others' records stay stored. */
function toResult(event: SyncEvent, summary: SyncSummary): SyncResult {
  const failed = summary.runs.filter((run) => !run.ok);
  if (failed.length) {
    throw new PipelineError('sync', failed.map((run) => `${run.source} failed: ${run.error ?? 'unknown error'}`).join('; '));
  }
  return {
    step: 'sync',
    kind: event.kind,
    sources: summary.runs.map((run) => ({ source: run.source, counts: run.counts, quarantined: run.quarantined })),
  };
}

export const handler = createSyncHandler(loadRuntimeConfig());
