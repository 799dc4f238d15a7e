import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRuntime, runSync, type SyncProgress } from '../../functions/pipeline/index.ts';
import { silentLogger } from '../../functions/runtime/logger.ts';
import { startWorld, type World } from '../faults/world.ts';

/** The progress a sync reports must be the sync's own counts, page by page, ending once per source. */
describe('sync progress', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({ seed: 5, projects: 2 });
  });
  afterAll(async () => world.close());

  it('reports every stored page with growing counts and ends each source with its totals', async () => {
    const config = world.config('progress');
    const seen: SyncProgress[] = [];
    const runtime = await openRuntime(config, { env: world.env, log: silentLogger });
    let summary;
    try {
      summary = await runSync(config, { runtime, env: world.env, onProgress: (progress) => seen.push({ ...progress }) });
    } finally {
      await runtime.close();
    }
    expect(summary.ok).toBe(true);
    for (const run of summary.runs) {
      const reports = seen.filter((progress) => progress.source === run.source);
      expect(reports.length).toBeGreaterThan(1);
      // Pages count 1, 2, 3… and records never go down; only the last report is the finish.
      const pages = reports.filter((report) => !report.finished).map((report) => report.pages);
      expect(pages).toEqual(pages.map((_, i) => i + 1));
      reports.slice(1).forEach((report, i) => expect(report.records).toBeGreaterThanOrEqual(reports[i]!.records));
      expect(reports.map((report) => report.finished)).toEqual(reports.map((_, i) => i === reports.length - 1));
      // The final count is what the run stored, independently summed from its own summary.
      const stored = Object.values(run.counts).reduce((sum, n) => sum + (n ?? 0), 0) + run.quarantined;
      expect(reports.at(-1)!.records).toBe(stored);
    }
    // Sources report one after the other, never interleaved.
    const order = seen.map((progress) => progress.source).filter((source, i, all) => source !== all[i - 1]);
    expect(order).toEqual(summary.runs.map((run) => run.source));
  });
});
