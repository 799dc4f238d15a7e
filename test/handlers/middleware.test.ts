import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { createStepHandler } from '../../functions/handlers/step-handler.ts';
import { isInvalidEventError } from '../../functions/handlers/middleware.ts';
import { lambdaContext } from './lambda-context.ts';

/** Powertools writes JSON lines as Lambda expects: logs (warnings and errors on stderr), and EMF lines (with `_aws`) for metrics. */
let lines: Record<string, unknown>[];
const logs = () => lines.filter((line) => !('_aws' in line));
const metrics = () => lines.filter((line) => '_aws' in line);
const env = { PMPULSE_STAGE: 'test' };

beforeEach(() => {
  lines = [];
  const capture = (chunk: unknown) => {
    for (const text of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(text) as Record<string, unknown>);
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createStepHandler', () => {
  it('logs a start and a finish line with the request id and the result, as Powertools JSON', async () => {
    const handler = createStepHandler(
      { step: 'publish', schema: z.object({ n: z.number() }), run: async (event, { log }) => (log.info('working'), { doubled: event.n * 2 }) },
      { env },
    );

    const result = await handler({ n: 21 }, lambdaContext('publish', 'req-42'));

    expect(result).toEqual({ doubled: 42 });
    expect(logs().map((line) => line.message)).toEqual(['publish started', 'working', 'publish finished']);
    expect(logs().every((line) => line.function_request_id === 'req-42' && line.step === 'publish' && line.service === 'pmpulse')).toBe(true);
    expect(logs()[2]).toMatchObject({ level: 'INFO', result: { doubled: 42 }, durationMs: expect.any(Number) });
  });

  it('emits RunSucceeded and RunDuration with the stage and step as dimensions', async () => {
    const handler = createStepHandler({ step: 'compute', schema: z.object({}), run: async () => ({}) }, { env });

    await handler({}, lambdaContext('compute'));

    const [line] = metrics();
    expect(line).toMatchObject({ service: 'pmpulse', stage: 'test', step: 'compute', RunSucceeded: 1, RunDuration: expect.any(Number) });
    expect(line!._aws).toMatchObject({ CloudWatchMetrics: [{ Namespace: 'pmpulse', Dimensions: [expect.arrayContaining(['service', 'stage', 'step'])] }] });
  });

  it('logs a failure, counts it and rethrows it, so Lambda retries', async () => {
    const handler = createStepHandler(
      { step: 'compute', schema: z.object({}), run: async () => Promise.reject(new Error('store unreachable')) },
      { env },
    );

    await expect(handler({}, lambdaContext('compute'))).rejects.toThrow('store unreachable');
    expect(logs().at(-1)).toMatchObject({ level: 'ERROR', message: 'compute failed', error: 'store unreachable' });
    expect(metrics().at(-1)).toMatchObject({ RunFailed: 1 });
  });

  it('turns a bad event into an InvalidEventError before the step runs', async () => {
    let ran = false;
    const handler = createStepHandler({ step: 'sync', schema: z.object({ n: z.number() }), run: async () => ((ran = true), {}) }, { env });

    const error = await handler({ n: 'x' }, lambdaContext('sync')).catch((caught: unknown) => caught);

    expect(isInvalidEventError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^sync: invalid event: n: Invalid input: expected number/);
    expect(ran).toBe(false);
    expect(logs().at(-1)).toMatchObject({ message: 'sync failed', errorName: 'InvalidEventError' });
  });
});
