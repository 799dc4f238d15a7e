import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedSite } from '../../site/serve.ts';
import { parse as parseCsv } from 'csv-parse/sync';
import { NASTY_NAME, pageKinds } from './helpers.ts';
import { openSiteInChromium } from './site-in-chromium.ts';

const pages = ['', 'compare/', 'alignment/', 'forecasts/', 'quality/', 'definitions/', 'pm/pm-ada/', 'pm/pm-nasty/', 'pm/pm-marie/', 'kpi/onTimeRate/', 'kpi/spi/'];
const JS_BUDGET_BYTES = 50 * 1024;

/** Opens a page and collects everything that went wrong while loading it. */
async function open(browser: Browser, url: string): Promise<{ page: Page; problems: string[]; scriptBytes: () => number }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  let external = 0;
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()}`));
  // A hostile name that ran as code would most likely call alert().
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('response', (res) => {
    if (res.request().resourceType() === 'script') void res.body().then((b) => (external += b.length), () => undefined);
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  if (response?.status() !== 200) problems.push(`status ${response?.status()} for ${url}`);
  const inline = await page.evaluate(() => [...document.scripts].reduce((n, s) => n + (s.src ? 0 : new Blob([s.text]).size), 0));
  return { page, problems, scriptBytes: () => inline + external };
}

/** The text of each cell of a table row (the table sits in a closed <details>, so textContent). */
const rowCells = async (page: Page, row: string) => (await page.locator(`${row} > *`).allTextContents()).map((t) => t.trim());

describe('the built site in Chromium', () => {
  let work: string;
  let site: ServedSite;
  let browser: Browser;

  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ work, site, browser, close } = await openSiteInChromium('browser'));
  });

  afterAll(async () => {
    await close?.();
  });

  it.each(pages)('loads /%s with no console or page errors, the stale banner and under 50 KB of JS', async (p) => {
    const { page, problems, scriptBytes } = await open(browser, site.url + p);
    expect(problems).toEqual([]);
    expect(await page.locator('main h1').count()).toBe(1);
    expect(await page.locator('[data-stale-banner]').isVisible()).toBe(true);
    expect(scriptBytes()).toBeLessThan(JS_BUDGET_BYTES);
    if (p === 'compare/') expect(scriptBytes()).toBeGreaterThan(0);
    await page.close();
  });

  it.each(pages)('gives every chart on /%s an SVG, a data table and a CSV with the same rows', async (p) => {
    const { page } = await open(browser, site.url + p);
    for (const figure of await page.locator('figure.chart').all()) {
      const id = await figure.getAttribute('id');
      // A wide and a narrow drawing may both be in the page; the screen shows exactly one.
      expect(await figure.locator('[role="img"]:visible > svg').count(), `${id} svg`).toBe(1);
      expect(await figure.locator('details table tbody tr').count(), `${id} table`).toBeGreaterThan(0);
      const href = await figure.locator('a[data-csv]').getAttribute('href');
      const response = await page.request.get(new URL(href!, site.url).href);
      expect(response.headers()['content-type']).toContain('text/csv');
      const csv = parseCsv(await response.text());
      const header = await rowCells(page, `figure[id="${id}"] details table thead tr`);
      const first = await rowCells(page, `figure[id="${id}"] details table tbody tr:first-child`);
      expect(csv[0]).toEqual(header);
      expect(csv[1]).toEqual(first);
    }
    await page.close();
  });

  it('sorts the comparison table by a KPI, best first, and keeps the sort in the URL', async () => {
    const { page } = await open(browser, `${site.url}compare/`);
    const names = () => page.locator('#pm-table tbody th').allInnerTexts();
    await page.locator('#pm-table th[data-key="onTimeRate"] button').click();
    expect((await names())[0]).toBe('Linus Pauling');
    expect((await names()).at(-1)).toBe('Marie Curie');
    expect(new URL(page.url()).search).toBe('?sort=onTimeRate&dir=desc');
    await page.locator('#pm-table th[data-key="onTimeRate"] button').click();
    expect((await names())[0]).toBe(NASTY_NAME);
    expect((await names()).at(-1)).toBe('Marie Curie');
    await page.reload();
    expect((await names())[0]).toBe(NASTY_NAME);
    expect(await page.locator('#pm-table th[data-key="onTimeRate"]').getAttribute('aria-sort')).toBe('ascending');
    await page.close();
  });

  it('filters the comparison table by name and keeps the filter in the URL', async () => {
    const { page } = await open(browser, `${site.url}compare/?q=grace&sort=cycleTime&dir=asc`);
    expect(await page.locator('#pm-table tbody tr:visible th').allInnerTexts()).toEqual(['Grace Hopper']);
    await page.locator('input[data-filter-for="pm-table"]').fill('');
    expect(await page.locator('#pm-table tbody tr:visible').count()).toBe(5);
    expect(new URL(page.url()).searchParams.get('q')).toBeNull();
    await page.close();
  });

  it('links each PM from the comparison table to their own page', async () => {
    const { page } = await open(browser, `${site.url}compare/`);
    await page.locator('#pm-table a', { hasText: 'Grace Hopper' }).click();
    await page.waitForURL(/\/pm\/pm-grace\/$/);
    expect(await page.locator('main h1').innerText()).toBe('Grace Hopper');
    expect(await page.locator('#drivers ~ * table').first().innerText()).toContain('3-D Secure challenge flow');
    await page.close();
  });

  it('shows hostile names as text, never as markup', async () => {
    const { page, problems } = await open(browser, `${site.url}pm/pm-nasty/`);
    expect(await page.locator('main h1').innerText()).toBe(NASTY_NAME);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.locator('script:not([type="module"])').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows every chart as a visible, captioned SVG', async () => {
    const { page } = await open(browser, `${site.url}kpi/onTimeRate/`);
    const figures = page.locator('figure.chart');
    expect(await figures.count()).toBe(2);
    for (const figure of await figures.all()) {
      const svg = figure.locator('[role="img"]:visible svg');
      await expect.poll(() => svg.isVisible()).toBe(true);
      const box = await svg.boundingBox();
      expect(box?.width).toBeGreaterThan(100);
      expect(box?.height).toBeGreaterThan(50);
      expect((await figure.locator('figcaption').innerText()).trim()).not.toBe('');
      expect(await figure.locator('[role="img"]:visible').getAttribute('aria-label')).toBeTruthy();
    }
    await page.close();
  });

  it('lists every theme and unaligned work in the alignment data table', async () => {
    const { page } = await open(browser, `${site.url}alignment/`);
    const table = await page.locator('#theme-alignment details table').textContent();
    for (const theme of ['Growth', 'Reliability & uptime', 'Security', 'AI features', 'Cost reduction', 'Unaligned']) {
      expect(table).toContain(theme);
    }
    await page.close();
  });

  it('follows a dark colour scheme, charts included', async () => {
    const { page } = await open(browser, `${site.url}alignment/`);
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
    const { page } = await open(browser, `${site.url}alignment/`);
    expect(await page.locator('#theme-alignment details table').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#theme-alignment details table').isVisible()).toBe(true);
    expect(await page.locator('header nav').isVisible()).toBe(false);
    await page.close();
  });

  it('fits every kind of page on a 390 px phone: no sideways scroll, a folded menu, charts drawn at their own size', async () => {
    // Every kind of page the build wrote, found in its output, so pages added later are checked too.
    const kinds = await pageKinds(path.join(work, 'dist'));
    expect(kinds).toEqual(expect.arrayContaining(['', 'compare/', 'pm/pm-ada/', 'quality/']));
    expect(kinds.filter((k) => k.startsWith('kpi/'))).toHaveLength(1);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    for (const p of kinds) {
      await page.goto(site.url + p, { waitUntil: 'load' });
      expect(await page.evaluate(() => document.documentElement.scrollWidth), p).toBeLessThanOrEqual(390);
      const firstLink = page.locator('header nav a').first();
      expect(await firstLink.isVisible(), p).toBe(false);
      await page.locator('header summary').click();
      expect(await firstLink.isVisible(), p).toBe(true);
      // A chart drawn for the phone is shown at its own width: text keeps its size.
      for (const svg of await page.locator('.chart-svg:visible > svg').all()) {
        const drawn = Number(await svg.getAttribute('width'));
        const shown = (await svg.boundingBox())!.width;
        expect(shown / drawn, p).toBeGreaterThan(0.95);
        // Nothing drawn runs past the drawing's edge, where the SVG would cut it off: no legend, no title, no label.
        const cut = await svg.evaluate((s) => {
          const edge = s.getBoundingClientRect();
          return [...s.querySelectorAll('text')].filter((t) => t.getBoundingClientRect().right > edge.right + 1 || t.getBoundingClientRect().left < edge.left - 1).map((t) => t.textContent);
        });
        expect(cut, `${p} ${await svg.evaluate((s) => s.closest('figure')?.id)}`).toEqual([]);
      }
      // An opened data table wider than the phone scrolls in its own box: not the page, not the disclosure.
      await page.evaluate(() => document.querySelectorAll<HTMLDetailsElement>('figure.chart details').forEach((d) => (d.open = true)));
      expect(await page.evaluate(() => document.documentElement.scrollWidth), p).toBeLessThanOrEqual(390);
      const spilling = await page.evaluate(() =>
        [...document.querySelectorAll('figure.chart details')].filter((d) => d.scrollWidth > d.clientWidth || d.querySelector('.table-scroll')!.clientWidth > d.clientWidth).map((d) => d.closest('figure')!.id),
      );
      expect(spilling, p).toEqual([]);
    }
    await page.close();
  });

  it('shows the menu without a click on a wide screen, offers a skip link first and keeps focus visible on sort buttons', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${site.url}compare/`, { waitUntil: 'load' });
    expect(await page.locator('header nav a').first().isVisible()).toBe(true);
    expect(await page.locator('header summary').isVisible()).toBe(false);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    const button = page.locator('#pm-table th[data-key="onTimeRate"] button');
    await button.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const outline = await button.evaluate((b) => getComputedStyle(b).outlineStyle + ' ' + getComputedStyle(b).outlineWidth);
    expect(outline).toBe('solid 3px');
    // Fits a 1,440 px screen: the table's own box does not scroll sideways.
    expect(await page.locator('.compare-scroll').evaluate((d) => d.scrollWidth <= d.clientWidth)).toBe(true);
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
