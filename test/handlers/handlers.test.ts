import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { classicScheduledEvent, lambdaContext } from './lambda-context.ts';

type Handler = (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<Record<string, unknown>>;

let dir: string;
const saved = { ...process.env };

/** Each step module read fresh, so its init-time config load runs against the current env. */
async function loadHandler(step: 'sync' | 'compute' | 'publish'): Promise<Handler> {
  vi.resetModules();
  const module = (await import(`../../functions/handlers/${step}.ts`)) as { handler: Handler };
  return module.handler;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pmpulse-handlers-'));
});

beforeEach(() => {
  process.env = { ...saved };
  delete process.env.PMPULSE_TABLE;
  delete process.env.PMPULSE_REPORTS_BUCKET;
  process.env.PMPULSE_CONFIG = JSON.stringify({
    store: { type: 'embedded', dir: join(dir, 'db') },
    reports: { type: 'dir', dir: join(dir, 'reports') },
    sources: [],
  });
  // The handlers log JSON lines to stdout; keep the test output readable.
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});

afterAll(async () => {
  process.env = saved;
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe('pipeline handlers', () => {
  it('sync runs on a scheduler event and summarises the sources', async () => {
    const handler = await loadHandler('sync');

    const result = await handler({ kind: 'scheduled', scheduledAt: '2025-03-01T05:00:00Z' }, lambdaContext('sync'));

    expect(result).toEqual({ step: 'sync', kind: 'scheduled', sources: [] });
  });

  it('sync accepts a manual backfill event', async () => {
    const handler = await loadHandler('sync');

    const result = await handler({ kind: 'backfill', from: '2025-01-01', to: '2025-01-31' }, lambdaContext('sync'));

    expect(result).toMatchObject({ step: 'sync', kind: 'backfill' });
  });

  it('compute takes its day from a classic scheduled event', async () => {
    const handler = await loadHandler('compute');

    const result = await handler(classicScheduledEvent('2025-03-01T05:00:00Z'), lambdaContext('compute'));

    expect(result).toEqual({
      step: 'compute',
      asOf: '2025-03-01',
      documents: expect.arrayContaining(['managers.json', 'projects.json', 'alignment.json', 'quality.json']),
    });
  });

  it('compute uses the asOf of a manual event', async () => {
    const handler = await loadHandler('compute');

    const result = await handler({ asOf: '2025-02-28' }, lambdaContext('compute'));

    expect(result).toMatchObject({ step: 'compute', asOf: '2025-02-28' });
  });

  it('publish writes a snapshot and flips latest.json to it', async () => {
    const compute = await loadHandler('compute');
    await compute({ asOf: '2025-02-28' }, lambdaContext('compute'));
    const handler = await loadHandler('publish');

    const result = await handler({ kind: 'scheduled' }, lambdaContext('publish'));

    const latest = JSON.parse(await readFile(join(dir, 'reports', 'latest.json'), 'utf8')) as Record<string, unknown>;
    expect(result).toMatchObject({ step: 'publish', asOf: '2025-02-28', snapshot: latest.snapshot });
    expect(latest.documents).toEqual(expect.arrayContaining(['managers.json', 'quality.json']));
  });

  it('rejects an event it does not understand, naming the key', async () => {
    const handler = await loadHandler('sync');

    await expect(handler({ kind: 'rebuild' }, lambdaContext('sync'))).rejects.toThrow(
      /sync: invalid event: kind: Invalid discriminator value/,
    );
    await expect(handler({ kind: 'backfill', from: '2025-01-31', to: '2025-01-01' }, lambdaContext('sync'))).rejects.toThrow(
      /to: must not be before from/,
    );
  });

  it('fails at init when the config is bad, naming the key', async () => {
    process.env.PMPULSE_CONFIG = JSON.stringify({ store: { type: 'redis' } });

    await expect(loadHandler('compute')).rejects.toThrow(/PMPULSE_CONFIG: store\.type/);
  });

  it('fails when a backfill names a source that is not configured', async () => {
    const handler = await loadHandler('sync');

    await expect(
      handler({ kind: 'backfill', from: '2025-01-01', to: '2025-01-02', sources: ['jira-main'] }, lambdaContext('sync')),
    ).rejects.toThrow(/unknown source "jira-main"/);
  });
});
