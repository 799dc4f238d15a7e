import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { describeError } from '../pipeline/errors.ts';
import { createInvocationLogger, writeStdout, type LineWriter, type Logger } from './logger.ts';

/** The Lambda context with the invocation's logger, which `logInvocation` attaches. */
export interface StepContext extends Context {
  log: Logger;
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

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  return `${path || '(event)'}: ${issue.message}`;
}

/** Replaces the raw event with the schema's parsed value, or throws InvalidEventError. */
export function parseEvent<T>(options: { step: string; schema: z.ZodType<T> }): MiddlewareObj<unknown, unknown, Error, Context> {
  const { step, schema } = options;
  return {
    name: 'parseEvent',
    before: (request) => {
      const result = schema.safeParse(request.event);
      if (!result.success) throw new InvalidEventError(step, result.error.issues.map(describeIssue));
      request.event = result.data;
    },
  };
}

/**
 * One JSON line when a run starts, ends or fails, with its duration. Errors are logged and left
 * to propagate: the throw is what makes Lambda retry and then send the event to the DLQ.
 */
export function logInvocation(options: { step: string; write?: LineWriter }): MiddlewareObj<unknown, unknown, Error, Context> {
  const { step } = options;
  const write = options.write ?? writeStdout;
  const started = new WeakMap<Context, number>();
  const elapsed = (context: Context) => Date.now() - (started.get(context) ?? Date.now());
  const logOf = (context: Context) => (context as StepContext).log;
  return {
    name: 'logInvocation',
    before: (request) => {
      const log = createInvocationLogger({ step, requestId: request.context.awsRequestId }, write);
      Object.assign(request.context, { log });
      started.set(request.context, Date.now());
      log.info(`${step} started`, { event: request.event });
    },
    after: (request) => {
      logOf(request.context).info(`${step} finished`, { durationMs: elapsed(request.context), result: request.response });
    },
    onError: (request) => {
      const log = logOf(request.context) ?? createInvocationLogger({ step, requestId: request.context.awsRequestId }, write);
      log.error(`${step} failed`, {
        durationMs: elapsed(request.context),
        errorName: request.error?.name,
        error: describeError(request.error),
      });
    },
  };
}
