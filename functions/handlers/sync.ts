import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Config } from '../config/index.ts';
import { lambdaDeadline, lambdaMarginMs } from '../pipeline/deadline.ts';
import { PipelineError } from '../pipeline/errors.ts';
import { runSync, type SyncSummary } from '../pipeline/sync.ts';
import { syncOptionsFor } from './backfill.ts';
import { SyncEventSchema, type SyncEvent } from './events.ts';
import { loadRuntimeConfig } from './runtime-config.ts';
import { loadSecrets } from './secrets.ts';
import { createStepHandler, type HandlerEffects } from './step-handler.ts';

/**
 * What the sync Lambda answers. `complete` is false when the invocation stopped at its deadline
 * before every source finished its read: invoke it again with the same event and it goes on from
 * the checkpoints (a state machine loops on `complete`, per source with `{ source }`).
 */
export interface SyncResult {
  step: 'sync';
  kind: SyncEvent['kind'];
  /** A backfill's start: every source re-read what changed from then on. */
  since?: string;
  complete: boolean;
  sources: { source: string; complete: boolean; counts: SyncSummary['runs'][number]['counts']; quarantined: number }[];
}

/**
 * Sync as a Lambda: every source (or the event's `source`, or a backfill's named sources) from
 * its cursor or checkpoint, or from `from`; it stops at its next checkpoint once the invocation
 * nears its timeout (the margin: lambdaMarginMs, or a quarter of the time it began with if less).
 */
export function createSyncHandler(config: Config, effects: HandlerEffects = {}) {
  return createStepHandler<SyncEvent, SyncResult>(
    {
      step: 'sync',
      schema: SyncEventSchema,
      async run(event, context) {
        const { log, metrics } = context;
        const options = syncOptionsFor(event);
        const remaining = () => context.getRemainingTimeInMillis();
        const deadline = lambdaDeadline(remaining, Math.min(lambdaMarginMs, remaining() / 4));
        const summary = await runSync(config, { ...options, ...(effects.now ? { now: effects.now } : {}), log, deadline });
        const records = summary.runs.reduce((sum, run) => sum + Object.values(run.counts).reduce((a, n) => a + (n ?? 0), 0), 0);
        metrics.addMetric('RecordsSynced', MetricUnit.Count, records);
        metrics.addMetric('RecordsQuarantined', MetricUnit.Count, summary.runs.reduce((sum, run) => sum + run.quarantined, 0));
        metrics.addMetric('SyncIncomplete', MetricUnit.Count, summary.complete ? 0 : 1);
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
  return {
    step: 'sync',
    kind: event.kind,
    ...(since ? { since: since.toISOString() } : {}),
    complete: summary.complete,
    sources: summary.sources.map(({ source, complete }) => {
      const run = summary.runs.find((r) => r.source === source);
      return { source, complete, counts: run?.counts ?? {}, quarantined: run?.quarantined ?? 0 };
    }),
  };
}

// Init: connector tokens from Secrets Manager first, then the config (read once per execution environment).
await loadSecrets();
export const handler = createSyncHandler(loadRuntimeConfig());
