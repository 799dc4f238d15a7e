import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runScript } from './lib/child.ts';
import { summarize } from './lib/stats.ts';
import { weighSite } from './site-weight.ts';

/**
 * Figures measured by scripts that live beside this runner: the 200-PM site build
 * (bench/site-scale.ts) and the Lambda bundles (bench/lambda.ts). Each runs as its own process,
 * when present; its printed figures are read back rather than re-measured here.
 */

const siteScaleScript = new URL('./site-scale.ts', import.meta.url);
const lambdaScript = new URL('./lambda.ts', import.meta.url);

/** site-scale prints "→ N pages in S s" and, with --keep, where it left the site. */
async function siteScaleOnce() {
  const { stdout, code, stderr } = await runScript(siteScaleScript, ['--keep'], { timeoutMs: 10 * 60_000 });
  const built = /→ (\d+) pages in ([\d.]+) s/.exec(stdout);
  const kept = /kept in (.+)/.exec(stdout)?.[1]?.trim();
  if (!built) throw new Error(`site-scale printed no build figure (exit ${code}): ${(stderr || stdout).trim().slice(-500)}`);
  try {
    const pages = kept ? await weighSite(join(kept, 'site')) : [];
    return { pages: Number(built[1]), ms: Number(built[2]) * 1000, weights: pages };
  } finally {
    if (kept) await rm(kept, { recursive: true, force: true });
  }
}

export async function benchSiteScale(options: { runs: number }) {
  if (!existsSync(siteScaleScript)) return { missing: 'bench/site-scale.ts' };
  const runs = [];
  for (let run = 0; run < options.runs; run++) runs.push(await siteScaleOnce());
  const last = runs[runs.length - 1]!;
  return {
    pages: last.pages,
    ms: summarize(runs.map((run) => run.ms)),
    pageBytes: last.weights.length ? summarize(last.weights.map((page) => page.bytes)) : undefined,
    maxJsBytes: Math.max(0, ...last.weights.map((page) => page.jsBytes)),
    chartJsBytes: last.weights.reduce((sum, page) => sum + page.chartJsBytes, 0),
  };
}

interface LambdaFigures {
  functions: Record<string, { bytes: number; gzipBytes: number; initMs: number; initMinMs: number; initMaxMs: number }>;
}

/** bench/lambda.ts measures each bundle and writes bench/lambda-results.json, which is read back here. */
export async function benchLambda(options: { runs: number }) {
  if (!existsSync(lambdaScript)) return { missing: 'bench/lambda.ts' };
  const { code, stderr } = await runScript(lambdaScript, ['--runs', String(options.runs)], { timeoutMs: 5 * 60_000 });
  if (code !== 0) throw new Error(`bench/lambda.ts exited with ${code}: ${stderr.trim().slice(-500)}`);
  const written = JSON.parse(await readFile(new URL('./lambda-results.json', import.meta.url), 'utf8')) as LambdaFigures;
  return {
    functions: Object.entries(written.functions).map(([name, fn]) => ({
      name,
      bytes: fn.bytes,
      gzipBytes: fn.gzipBytes,
      initMs: { median: fn.initMs, min: fn.initMinMs, max: fn.initMaxMs, runs: options.runs },
    })),
  };
}
