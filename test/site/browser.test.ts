import { existsSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../site/build.ts';
import { serveSite } from '../../site/serve.ts';
import type { ServedSite } from '../../site/serve.ts';
import { fixtureDir, tempDir } from './helpers.ts';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const pages = ['', 'quality/'];

/** Opens a page and collects everything that went wrong while loading it. */
async function open(browser: Browser, url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()}`));
  const response = await page.goto(url, { waitUntil: 'load' });
  if (response?.status() !== 200) problems.push(`status ${response?.status()} for ${url}`);
  return { page, problems };
}

describe('the built site in Chromium', () => {
  let work: string;
  let site: ServedSite;
  let browser: Browser;

  beforeAll(async () => {
    // A missing browser is a broken environment, not a reason to skip.
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it with apt-get install chromium`);
    work = await tempDir('browser');
    await buildSite({ snapshotDir: fixtureDir, outDir: path.join(work, 'dist') });
    site = await serveSite({ dir: path.join(work, 'dist') });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it.each(pages)('loads /%s with no console or page errors', async (p) => {
    const { page, problems } = await open(browser, site.url + p);
    expect(problems).toEqual([]);
    expect(await page.locator('main h1').count()).toBe(1);
    await page.close();
  });

  it('shows every chart as a visible, captioned SVG', async () => {
    const { page } = await open(browser, site.url);
    const figures = page.locator('figure.chart');
    expect(await figures.count()).toBe(5);
    for (const figure of await figures.all()) {
      const svg = figure.locator('svg');
      await expect.poll(() => svg.isVisible()).toBe(true);
      const box = await svg.boundingBox();
      expect(box?.width).toBeGreaterThan(100);
      expect(box?.height).toBeGreaterThan(50);
      expect((await figure.locator('figcaption').innerText()).trim()).not.toBe('');
      expect(await figure.locator('[role="img"]').getAttribute('aria-label')).toBeTruthy();
    }
    await page.close();
  });

  it('lists every theme and unaligned work in the alignment data table', async () => {
    const { page } = await open(browser, site.url);
    const table = await page.locator('#theme-alignment details table').textContent();
    for (const theme of ['Growth', 'Reliability & uptime', 'Security', 'AI features', 'Cost reduction', 'Unaligned']) {
      expect(table).toContain(theme);
    }
    await page.close();
  });

  it('follows a dark colour scheme, charts included', async () => {
    const { page } = await open(browser, site.url);
    await page.emulateMedia({ colorScheme: 'dark' });
    const colours = await page.evaluate(() => ({
      body: getComputedStyle(document.body).backgroundColor,
      label: getComputedStyle(document.querySelector('figure svg text')!).fill,
    }));
    expect(colours.body).toBe('rgb(20, 23, 28)');
    expect(colours.label).toBe('rgb(230, 232, 235)');
    await page.close();
  });

  it('prints with the data tables open and the navigation hidden', async () => {
    const { page } = await open(browser, site.url);
    expect(await page.locator('#theme-alignment details table').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#theme-alignment details table').isVisible()).toBe(true);
    expect(await page.locator('header nav').isVisible()).toBe(false);
    await page.close();
  });

  it('answers an unknown path with the 404 page', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${site.url}no/such/page/`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').innerText()).toBe('Page not found');
    await page.close();
  });

  it('screenshots the overview', async () => {
    const { page } = await open(browser, site.url);
    const file = path.join(work, 'overview.png');
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.screenshot({ path: file, fullPage: true });
    expect((await stat(file)).size).toBeGreaterThan(10_000);
    await page.close();
  });
});
