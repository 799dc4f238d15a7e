import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createStepHandler } from '../../functions/handlers/step-handler.ts';
import { isInvalidEventError } from '../../functions/handlers/middleware.ts';
import { lambdaContext } from './lambda-context.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  return { lines, write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) };
}

describe('createStepHandler', () => {
  it('logs a start and a finish line with the request id and the result', async () => {
    const { lines, write } = capture();
    const handler = createStepHandler(
      { step: 'publish', schema: z.object({ n: z.number() }), run: async (event, { log }) => (log.info('working'), { doubled: event.n * 2 }) },
      { write },
    );

    const result = await handler({ n: 21 }, lambdaContext('publish', 'req-42'));

    expect(result).toEqual({ doubled: 42 });
    expect(lines.map((line) => line.message)).toEqual(['publish started', 'working', 'publish finished']);
    expect(lines.every((line) => line.requestId === 'req-42' && line.step === 'publish')).toBe(true);
    expect(lines[2]).toMatchObject({ level: 'info', result: { doubled: 42 }, durationMs: expect.any(Number) });
  });

  it('logs a failure and rethrows it, so Lambda retries', async () => {
    const { lines, write } = capture();
    const handler = createStepHandler(
      { step: 'compute', schema: z.object({}), run: async () => Promise.reject(new Error('store unreachable')) },
      { write },
    );

    await expect(handler({}, lambdaContext('compute'))).rejects.toThrow('store unreachable');
    expect(lines.at(-1)).toMatchObject({ level: 'error', message: 'compute failed', error: 'store unreachable' });
  });

  it('turns a bad event into an InvalidEventError before the step runs', async () => {
    const { lines, write } = capture();
    let ran = false;
    const handler = createStepHandler(
      { step: 'sync', schema: z.object({ n: z.number() }), run: async () => ((ran = true), {}) },
      { write },
    );

    const error = await handler({ n: 'x' }, lambdaContext('sync')).catch((caught: unknown) => caught);

    expect(isInvalidEventError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^sync: invalid event: n: Invalid input: expected number/);
    expect(ran).toBe(false);
    expect(lines.at(-1)).toMatchObject({ message: 'sync failed', errorName: 'InvalidEventError' });
  });
});
