import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDemo, type DemoScale } from '../demo/runner.ts';
import { silentLogger } from '../functions/runtime/logger.ts';
import { collect, summarize, summarizeAll } from './lib/stats.ts';
import { weighSite, type PageWeight } from './site-weight.ts';

/**
 * The demo end to end (local Jira and Asana servers, real connectors over HTTP, embedded store,
 * compute, publish, site build), each run in a fresh directory. The last run's site is weighed.
 */
export async function benchDemo(options: { scale: DemoScale; runs: number }) {
  const samples: Record<string, number[]> = {};
  let counts: Record<string, number> = {};
  let pages: PageWeight[] = [];
  for (let run = 0; run < options.runs; run++) {
    const dir = await mkdtemp(join(tmpdir(), 'pmpulse-bench-demo-'));
    try {
      const started = performance.now();
      const result = await runDemo({ scale: options.scale, seed: 42, asOf: '2026-11-01', dir, log: silentLogger });
      collect(samples, { ...result.timings, total: performance.now() - started });
      counts = result.counts;
      if (run === options.runs - 1) pages = await weighSite(result.siteDir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return {
    scale: options.scale,
    counts,
    ms: summarizeAll(samples),
    site: {
      pages: pages.length,
      pageBytes: summarize(pages.map((page) => page.bytes)),
      maxJsBytes: Math.max(0, ...pages.map((page) => page.jsBytes)),
      chartJsBytes: pages.reduce((sum, page) => sum + page.chartJsBytes, 0),
      perPage: pages,
    },
  };
}
