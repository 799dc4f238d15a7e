import type { MiddlewareObj } from '@middy/core';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { describeError } from '../pipeline/errors.ts';
import { issueLines } from '../runtime/zod-issues.ts';
import { pipelineLogger, type Logger, type StepTelemetry } from './logger.ts';

/** The Lambda context with the invocation's logger and metrics, which `observeInvocation` attaches. */
export interface StepContext extends Context {
  log: Logger;
  metrics: Metrics;
}

/** An event the step does not understand; each problem names its key. */
export class InvalidEventError extends Error {
  override name = 'InvalidEventError';
  readonly step: string;
  readonly problems: readonly string[];
  constructor(step: string, problems: readonly string[]) {
    super(`${step}: invalid event: ${problems.join('; ')}`);
    this.step = step;
    this.problems = problems;
  }
}

export function isInvalidEventError(error: unknown): error is InvalidEventError {
  return error instanceof InvalidEventError;
}

/** Replaces the raw event with the schema's parsed value, or throws InvalidEventError. */
export function parseEvent<T>(options: { step: string; schema: z.ZodType<T> }): MiddlewareObj<unknown, unknown, Error, Context> {
  const { step, schema } = options;
  return {
    name: 'parseEvent',
    before: (request) => {
      const result = schema.safeParse(request.event);
      if (!result.success) throw new InvalidEventError(step, issueLines(result.error, { root: '(event)' }));
      request.event = result.data;
    },
  };
}

/**
 * One JSON line when a run starts, ends or fails, and the `RunSucceeded` / `RunFailed` /
 * `RunDuration` metrics the alarms watch. Errors are logged and left to propagate: the throw is
 * what makes Lambda retry and then send the event to the failure queue.
 */
export function observeInvocation(options: { step: string } & StepTelemetry): MiddlewareObj<unknown, unknown, Error, Context> {
  const { step, logger, metrics } = options;
  const started = new WeakMap<Context, number>();
  const elapsed = (context: Context) => Date.now() - (started.get(context) ?? Date.now());
  const finish = (context: Context, outcome: 'RunSucceeded' | 'RunFailed') => {
    metrics.addMetric(outcome, MetricUnit.Count, 1);
    metrics.addMetric('RunDuration', MetricUnit.Milliseconds, elapsed(context));
    metrics.publishStoredMetrics();
  };
  return {
    name: 'observeInvocation',
    before: (request) => {
      logger.addContext(request.context);
      Object.assign(request.context, { log: pipelineLogger(logger), metrics });
      started.set(request.context, Date.now());
      logger.info(`${step} started`, { event: request.event });
    },
    after: (request) => {
      logger.info(`${step} finished`, { durationMs: elapsed(request.context), result: request.response });
      finish(request.context, 'RunSucceeded');
    },
    onError: (request) => {
      logger.error(`${step} failed`, {
        durationMs: elapsed(request.context),
        errorName: request.error?.name,
        error: describeError(request.error),
      });
      finish(request.context, 'RunFailed');
    },
  };
}
