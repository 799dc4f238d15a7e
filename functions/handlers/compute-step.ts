import type { Config } from '../config/index.ts';
import { dateOfDay } from '../kpi/engine/calendar.ts';
import { dayReader } from '../kpi/engine/zone-day.ts';
import { runCompute } from '../pipeline/compute.ts';
import { ComputeEventSchema, type ComputeEvent } from './events.ts';
import { withPeopleRates } from './people-rates.ts';
import { loadRuntimeConfig } from './runtime-config.ts';
import { createStepHandler, type HandlerEffects } from './step-handler.ts';

/**
 * The compute step, whichever runs it: the compute Lambda (compute.ts) or the Fargate task of a
 * store too large for one Lambda (compute-task.ts). Kept apart from compute.ts, whose import
 * starts the handler, so the task can start it itself and report a failed start.
 */

export interface ComputeResult {
  step: 'compute';
  asOf: string;
  documents: string[];
}

/**
 * The day to compute: the event's `asOf`, else the day the schedule fired (so a retry after
 * midnight still computes the day it was meant for), else today. The day is read by the one time
 * rule, as every figure's day is (zone-day.ts): in `kpi.timeZone` when it is set, else as the
 * firing time was written (Step Functions and EventBridge write UTC, `…Z`). Read in UTC regardless,
 * a run at 23:00 in Los Angeles computed tomorrow, a day whose work had not begun there.
 */
export function asOfFor(event: ComputeEvent, now: () => Date, timeZone?: string): string {
  if (event.asOf) return event.asOf;
  return dateOfDay(dayReader(timeZone).dayOf(event.scheduledAt ?? now().toISOString()));
}

/** KPIs from the store into the report store's staging area, behind the pipeline's middlewares. */
export function createComputeHandler(config: Config, effects: HandlerEffects = {}) {
  const now = effects.now ?? (() => new Date());
  return createStepHandler<ComputeEvent, ComputeResult>(
    {
      step: 'compute',
      schema: ComputeEventSchema,
      async run(event, { log }) {
        const asOf = asOfFor(event, now, config.kpi?.timeZone);
        const { documents } = await runCompute(config, { asOf, now, log });
        return { step: 'compute', asOf, documents };
      },
    },
    effects,
  );
}

/** The start of either runtime: the config from the environment, pay rates from their secret (infra/people-rates.ts). */
export async function startComputeHandler(env: NodeJS.ProcessEnv = process.env) {
  return createComputeHandler(await withPeopleRates(loadRuntimeConfig(env), env), { env });
}
