import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { buildSite } from '../../site/build.ts';
import { serveSite, type ServedSite } from '../../site/serve.ts';
import { CHROMIUM, CHROMIUM_ARGS, fixtureDir, tempDir } from './helpers.ts';

/**
 * The set-up every browser test of the site shares: a snapshot built into a site in a folder of
 * its own, served on loopback, and Debian's Chromium to read it with.
 */
export interface SiteInChromium {
  /** The test's own folder; the built site is `dist`. */
  work: string;
  dist: string;
  site: ServedSite;
  browser: Browser;
  close(): Promise<void>;
}

export interface SiteOptions {
  /** Writes the snapshot to build into the test's folder and says where; the fixture snapshot when absent. */
  snapshot?: (work: string) => Promise<string>;
}

export async function openSiteInChromium(prefix: string, options: SiteOptions = {}): Promise<SiteInChromium> {
  // A missing browser is a broken environment, not a reason to skip.
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it with apt-get install chromium`);
  const work = await tempDir(prefix);
  const dist = path.join(work, 'dist');
  await buildSite({ snapshotDir: options.snapshot ? await options.snapshot(work) : fixtureDir, outDir: dist });
  const site = await serveSite({ dir: dist });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    work,
    dist,
    site,
    browser,
    async close() {
      await browser.close();
      await site.close();
      await rm(work, { recursive: true, force: true });
    },
  };
}
