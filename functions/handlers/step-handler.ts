import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import type { LineWriter } from './logger.ts';
import { logInvocation, parseEvent, type StepContext } from './middleware.ts';

/** What tests swap: the clock the pipeline reads and where log lines go. */
export interface HandlerEffects {
  now?: () => Date;
  write?: LineWriter;
}

export interface StepDefinition<E, R> {
  step: 'sync' | 'compute' | 'publish';
  schema: z.ZodType<E>;
  run(event: E, context: StepContext): Promise<R>;
}

/** A Lambda handler for one pipeline step: logged, with its event validated before `run`. */
export function createStepHandler<E, R>(definition: StepDefinition<E, R>, effects: HandlerEffects = {}) {
  const { step, schema } = definition;
  return middy<unknown, R, Error, Context>()
    .use(logInvocation({ step, ...(effects.write ? { write: effects.write } : {}) }))
    .use(parseEvent({ step, schema }))
    // By now parseEvent has replaced the raw event with the parsed one and logInvocation added `log`.
    .handler((event, context) => definition.run(event as E, context as StepContext));
}
