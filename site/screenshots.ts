/**
 * `npm run screenshots`: pictures of the built demo site for the README, taken in Debian's
 * Chromium as a reader sees it: the top of each page on a laptop (1440 × 900), the overview, the
 * comparison and a PM page on a phone (390 × 844), and the overview and a KPI page in the dark
 * scheme. Run the demo first (`npm run demo -- --no-serve`); --site names another built site,
 * --out another folder.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { serveSite } from './serve.ts';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const { values } = parseArgs({ options: { site: { type: 'string', default: '.pmpulse/demo/medium-seed42/site' }, out: { type: 'string', default: 'docs/screenshots' } } });
const siteDir = path.resolve(values.site);
const outDir = path.resolve(values.out);

if (!existsSync(path.join(siteDir, 'index.html'))) {
  console.error(`no built site in ${siteDir}: run \`npm run demo -- --no-serve\` first (or pass --site DIR)`);
  process.exit(2);
}
if (!existsSync(CHROMIUM)) {
  console.error(`Chromium not found at ${CHROMIUM}: apt-get install chromium`);
  process.exit(2);
}

// The first PM page in the built site stands for all of them; the first KPI page for every KPI.
const firstPm = (await readdir(path.join(siteDir, 'pm'))).sort()[0];
const kpiPages = existsSync(path.join(siteDir, 'kpi')) ? (await readdir(path.join(siteDir, 'kpi'))).sort() : [];
const kpiPage = kpiPages.includes('onTimeRate') ? 'onTimeRate' : kpiPages[0];
type Shot = { name: string; page: string; width: number; height: number; dark?: boolean };
const laptop = (name: string, page: string): Shot => ({ name, page, width: 1440, height: 900 });
const phone = (name: string, page: string): Shot => ({ name, page, width: 390, height: 844 });
const shots: Shot[] = [
  laptop('overview', ''),
  laptop('compare', 'compare/'),
  ...(firstPm ? [laptop('pm', `pm/${firstPm}/`)] : []),
  ...(kpiPage ? [laptop('kpi', `kpi/${kpiPage}/`)] : []),
  laptop('alignment', 'alignment/'),
  laptop('forecasts', 'forecasts/'),
  laptop('quality', 'quality/'),
  phone('overview-phone', ''),
  phone('compare-phone', 'compare/'),
  ...(firstPm ? [phone('pm-phone', `pm/${firstPm}/`)] : []),
  { ...laptop('overview-dark', ''), dark: true },
  ...(kpiPage ? [{ ...laptop('kpi-dark', `kpi/${kpiPage}/`), dark: true }] : []),
];

await mkdir(outDir, { recursive: true });
const site = await serveSite({ dir: siteDir, port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  for (const shot of shots) {
    const page = await browser.newPage({ viewport: { width: shot.width, height: shot.height }, colorScheme: shot.dark ? 'dark' : 'light' });
    await page.goto(new URL(shot.page, site.url).href, { waitUntil: 'load' });
    const file = path.join(outDir, `${shot.name}.png`);
    await page.screenshot({ path: file });
    await page.close();
    console.log(`${path.relative(process.cwd(), file)}  (${shot.page || '/'} at ${shot.width} px${shot.dark ? ', dark' : ''})`);
  }
} finally {
  await browser.close();
  await site.close();
}
