import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { createStepTelemetry } from './logger.ts';
import { observeInvocation, parseEvent, type StepContext } from './middleware.ts';

/** What tests swap: the clock the pipeline reads and the environment telemetry is labelled from. */
export interface HandlerEffects {
  now?: () => Date;
  env?: NodeJS.ProcessEnv;
}

export interface StepDefinition<E, R> {
  step: 'sync' | 'compute' | 'publish';
  schema: z.ZodType<E>;
  run(event: E, context: StepContext): Promise<R>;
}

/** A Lambda handler for one pipeline step: logged and measured, its event validated before `run`. */
export function createStepHandler<E, R>(definition: StepDefinition<E, R>, effects: HandlerEffects = {}) {
  const { step, schema } = definition;
  return middy<unknown, R, Error, Context>()
    .use(observeInvocation({ step, ...createStepTelemetry(step, effects.env) }))
    .use(parseEvent({ step, schema }))
    // By now parseEvent has replaced the raw event with the parsed one and observeInvocation added `log`.
    .handler((event, context) => definition.run(event as E, context as StepContext));
}
