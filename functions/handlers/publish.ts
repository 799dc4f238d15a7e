import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Config } from '../config/index.ts';
import { runPublish } from '../pipeline/publish.ts';
import { PublishEventSchema, type PublishEvent } from './events.ts';
import { loadRuntimeConfig } from './runtime-config.ts';
import { createStepHandler, type HandlerEffects } from './step-handler.ts';

export interface PublishResult {
  step: 'publish';
  snapshot: string;
  asOf: string;
  documents: string[];
}

/** Publish as a Lambda: the staged documents become a snapshot and `latest.json` flips to it. */
export function createPublishHandler(config: Config, effects: HandlerEffects = {}) {
  return createStepHandler<PublishEvent, PublishResult>(
    {
      step: 'publish',
      schema: PublishEventSchema,
      async run(_event, { log, metrics }) {
        const latest = await runPublish(config, { ...(effects.now ? { now: effects.now } : {}), log });
        // The stale-data alarm fires when this metric stays missing for too long.
        metrics.addMetric('SnapshotPublished', MetricUnit.Count, 1);
        return { step: 'publish', snapshot: latest.snapshot, asOf: latest.asOf, documents: latest.documents };
      },
    },
    effects,
  );
}

export const handler = createPublishHandler(loadRuntimeConfig());
