import type { Config } from '../config/index.ts';
import { runCompute } from '../pipeline/compute.ts';
import { ComputeEventSchema, type ComputeEvent } from './events.ts';
import { withPeopleRates } from './people-rates.ts';
import { loadRuntimeConfig } from './runtime-config.ts';
import { createStepHandler, type HandlerEffects } from './step-handler.ts';

export interface ComputeResult {
  step: 'compute';
  asOf: string;
  documents: string[];
}

/**
 * The day to compute: the event's `asOf`, else the UTC day the schedule fired (so a retry after
 * midnight still computes the day it was meant for), else today.
 */
export function asOfFor(event: ComputeEvent, now: () => Date): string {
  if (event.asOf) return event.asOf;
  const at = event.scheduledAt ? new Date(event.scheduledAt) : now();
  return at.toISOString().slice(0, 10);
}

/** Compute as a Lambda: KPIs from the store into the report store's staging area. */
export function createComputeHandler(config: Config, effects: HandlerEffects = {}) {
  const now = effects.now ?? (() => new Date());
  return createStepHandler<ComputeEvent, ComputeResult>(
    {
      step: 'compute',
      schema: ComputeEventSchema,
      async run(event, { log }) {
        const asOf = asOfFor(event, now);
        const { documents } = await runCompute(config, { asOf, now, log });
        return { step: 'compute', asOf, documents };
      },
    },
    effects,
  );
}

// Pay rates come from their secret, once per cold start (infra/people-rates.ts).
export const handler = createComputeHandler(await withPeopleRates(loadRuntimeConfig()));
