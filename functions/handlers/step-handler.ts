import middy, { type MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { createStepTelemetry } from './logger.ts';
import { nameEventProblems, observeRun, type StepContext } from './middleware.ts';

/** What tests swap: the clock the pipeline reads and the environment telemetry is labelled from. */
export interface HandlerEffects {
  now?: () => Date;
  env?: NodeJS.ProcessEnv;
}

export interface StepDefinition<E, R> {
  step: 'sync' | 'compute' | 'publish' | 'digest';
  schema: z.ZodType<E>;
  run(event: E, context: StepContext): Promise<R>;
}

/**
 * A Lambda handler for one pipeline step: Powertools' middlewares (request context on every log
 * line, metrics flushed once per invocation, the event parsed by its schema), then pmpulse's
 * run-outcome lines and metrics. Middy runs `before` in this order and `after`/`onError` in
 * reverse: the outcome is counted before logMetrics flushes, and a bad event is named key by key
 * before the failure is logged.
 */
export function createStepHandler<E, R>(definition: StepDefinition<E, R>, effects: HandlerEffects = {}) {
  const { step, schema } = definition;
  const { logger, metrics } = createStepTelemetry(step, effects.env);
  return middy<unknown, R, Error, Context>()
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics))
    .use(observeRun({ step, logger, metrics }))
    .use(nameEventProblems(step))
    // The parser's type follows its schema's output; this chain is typed `unknown` until `run`.
    .use(parser({ schema }) as unknown as MiddlewareObj<unknown, R, Error, Context>)
    .handler((event, context) => definition.run(event as E, context as StepContext));
}
