import type { MiddlewareObj } from '@middy/core';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { describeError } from '../pipeline/errors.ts';
import { issueLines } from '../runtime/zod-issues.ts';
import { pipelineLogger, type Logger } from './logger.ts';

/**
 * What pmpulse adds to Powertools' own middlewares (`injectLambdaContext`, `logMetrics`,
 * `parser`, wired in step-handler.ts): the run-outcome log lines and metrics the alarms watch,
 * and a bad event named key by key.
 */

/** The Lambda context with the invocation's logger and metrics, which `observeRun` attaches. */
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

/**
 * Powertools' parser fails with a ParseError whose cause is the schema's issues; this turns it
 * into an InvalidEventError that names each key, as the rest of pmpulse words a bad input.
 * Registered before `parser`, so its onError runs after the parser's.
 */
export function nameEventProblems(step: string): MiddlewareObj<unknown, unknown, Error, Context> {
  return {
    name: 'nameEventProblems',
    onError: (request) => {
      const error = request.error;
      if (error?.name !== 'ParseError' || !Array.isArray(error.cause)) return;
      request.error = new InvalidEventError(step, issueLines(error.cause as z.core.$ZodIssue[], { root: '(event)' }));
    },
  };
}

/**
 * One log line when a run starts, ends or fails, and the `RunSucceeded` / `RunFailed` /
 * `RunDuration` metrics the alarms watch (Powertools' logMetrics flushes them). Errors are
 * logged and left to propagate: the throw is what makes Lambda retry and then send the event to
 * the failure queue.
 */
export function observeRun(options: { step: string; logger: PowertoolsLogger; metrics: Metrics }): MiddlewareObj<unknown, unknown, Error, Context> {
  const { step, logger, metrics } = options;
  const started = new WeakMap<Context, number>();
  const elapsed = (context: Context) => Date.now() - (started.get(context) ?? Date.now());
  const count = (context: Context, outcome: 'RunSucceeded' | 'RunFailed') => {
    metrics.addMetric(outcome, MetricUnit.Count, 1);
    metrics.addMetric('RunDuration', MetricUnit.Milliseconds, elapsed(context));
  };
  return {
    name: 'observeRun',
    before: (request) => {
      Object.assign(request.context, { log: pipelineLogger(logger), metrics });
      started.set(request.context, Date.now());
      logger.info(`${step} started`, { event: request.event });
    },
    after: (request) => {
      logger.info(`${step} finished`, { durationMs: elapsed(request.context), result: request.response });
      count(request.context, 'RunSucceeded');
    },
    onError: (request) => {
      logger.error(`${step} failed`, {
        durationMs: elapsed(request.context),
        errorName: request.error?.name,
        error: describeError(request.error),
      });
      count(request.context, 'RunFailed');
    },
  };
}
