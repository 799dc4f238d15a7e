import { cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'astro';
import { readSnapshot, SNAPSHOT_DIR_ENV } from './src/lib/snapshot.ts';
import { PRIVACY_ENV } from './src/lib/privacy-settings.ts';
import type { PrivacyConfig } from '../functions/config/privacy.ts';

export interface BuildSiteOptions {
  snapshotDir: string;
  outDir: string;
  logLevel?: 'silent' | 'info';
  /** The config's `privacy` block (minGroup, accessContact); absent: the defaults. */
  privacy?: Partial<PrivacyConfig>;
}

export interface BuildSiteResult {
  pages: number;
  ms: number;
}

/** The Astro project is this folder, wherever the caller runs from. */
const siteRoot = path.dirname(fileURLToPath(import.meta.url));

async function countPages(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((name) => name.endsWith('.html')).length;
}

/** Sets environment variables for the duration of fn and puts the old values back. */
async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/**
 * Astro writes its prerender chunks under outDir, unless outDir lies outside the working
 * directory: then under <cwd>/.astro/.prerender, one folder shared by every build started from
 * that directory, so two concurrent builds delete each other's chunks. Such builds render into
 * a private folder inside the working directory and are copied to outDir afterwards.
 */
async function astroOutDir(outDir: string): Promise<string> {
  if (outDir.startsWith(process.cwd() + path.sep)) return outDir;
  const parent = path.join(process.cwd(), '.astro');
  await mkdir(parent, { recursive: true });
  return mkdtemp(path.join(parent, 'build-'));
}

async function renderSite(snapshotDir: string, outDir: string, logLevel: 'silent' | 'info', privacy: Partial<PrivacyConfig>): Promise<void> {
  // A private Vite cache per build: builds in parallel processes never share one, and the site folder stays clean.
  const cacheDir = await mkdtemp(path.join(tmpdir(), 'pmpulse-site-cache-'));
  const renderDir = await astroOutDir(outDir);
  try {
    await withEnv({ [SNAPSHOT_DIR_ENV]: snapshotDir, [PRIVACY_ENV]: JSON.stringify(privacy), ASTRO_TELEMETRY_DISABLED: '1' }, () =>
      build({ root: siteRoot, outDir: renderDir, cacheDir, vite: { cacheDir }, logLevel, mode: 'production' }),
    );
    if (renderDir !== outDir) await cp(renderDir, outDir, { recursive: true });
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
    if (renderDir !== outDir) await rm(renderDir, { recursive: true, force: true });
  }
}

// Pages read the snapshot folder from process.env, so two builds in one process must not overlap.
let queue: Promise<unknown> = Promise.resolve();

async function buildOnce(options: BuildSiteOptions): Promise<BuildSiteResult> {
  const started = performance.now();
  const snapshotDir = path.resolve(options.snapshotDir);
  const outDir = path.resolve(options.outDir);
  // Validate first: a bad snapshot fails in milliseconds with the file named, before Vite starts.
  await readSnapshot(snapshotDir);
  await renderSite(snapshotDir, outDir, options.logLevel ?? 'silent', options.privacy ?? {});
  return { pages: await countPages(outDir), ms: Math.round(performance.now() - started) };
}

/** Renders the site for one snapshot folder into outDir. */
export function buildSite(options: BuildSiteOptions): Promise<BuildSiteResult> {
  const run = queue.then(() => buildOnce(options));
  queue = run.catch(() => undefined);
  return run;
}
