import { randomUUID } from 'node:crypto';
import { totalmem } from 'node:os';
import type { Context } from 'aws-lambda';
import { describeError } from '../pipeline/errors.ts';
import { startComputeHandler } from './compute-step.ts';
import { SCHEDULED_AT_ENV } from './compute-task-env.ts';
import { createStepTelemetry } from './logger.ts';

/**
 * Compute as an ECS task (infra/compute-task.ts), for a store too large for one 15-minute Lambda:
 * the same handler as the compute Lambda, given the event the state machine would have sent it,
 * its outcome told by the exit code, which is what Step Functions' `ecs:runTask.sync` reads.
 */

/** What the Lambda gets from the state machine. Without the variable (a task started by hand), today, as the Lambda does with `{ kind: 'scheduled' }`. */
export function computeTaskEvent(env: NodeJS.ProcessEnv): { kind: 'scheduled'; scheduledAt?: string } {
  const scheduledAt = env[SCHEDULED_AT_ENV];
  return scheduledAt ? { kind: 'scheduled', scheduledAt } : { kind: 'scheduled' };
}

/**
 * A Lambda context describing the task, for the middlewares that label every log line with it.
 * It has no `getRemainingTimeInMillis`: a task has no deadline (the state machine's task timeout
 * stops it), and without one middy sets no early timeout.
 */
export function taskContext(id: string = randomUUID()): Context {
  // Unconstrained, Node reports a limit of about 2^64 bytes; the machine's memory is the real one.
  const memory = Math.min(process.constrainedMemory() || Infinity, totalmem());
  const context: Omit<Context, 'getRemainingTimeInMillis'> = {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'pmpulse-compute-task',
    functionVersion: '$LATEST',
    invokedFunctionArn: '',
    memoryLimitInMB: String(Math.floor(memory / 2 ** 20)),
    awsRequestId: id,
    logGroupName: '',
    logStreamName: '',
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
  return context as Context;
}

/**
 * One compute run; resolves to the process's exit code. A failed run is logged by the handler's
 * own middlewares (as in the Lambda); a failed start (a bad config, an unreadable rates secret),
 * which Lambda's runtime would log, is logged here.
 */
export async function runComputeTask(env: NodeJS.ProcessEnv): Promise<number> {
  let handler: Awaited<ReturnType<typeof startComputeHandler>>;
  try {
    handler = await startComputeHandler(env);
  } catch (error) {
    createStepTelemetry('compute', env).logger.error('compute failed to start', { errorName: (error as Error)?.name, error: describeError(error) });
    return 1;
  }
  try {
    await handler(computeTaskEvent(env), taskContext());
    return 0;
  } catch {
    return 1;
  }
}
