// The accessibility checks this repository can run without axe-core (not installed): a deliberately
// simple colour-contrast check of every visible text against its background, in the light and the
// dark scheme, the names of charts and controls, the size of controls and the skip link, on one page
// of every kind the build wrote (found in its output, so pages added later are checked too).
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../site/build.ts';
import { serveSite } from '../../site/serve.ts';
import type { ServedSite } from '../../site/serve.ts';
import { CHROMIUM, CHROMIUM_ARGS, fixtureDir, tempDir } from './helpers.ts';

/** One page of each kind: every top-level page and the first page of each folder of pages. */
async function pageKinds(dist: string): Promise<string[]> {
  const files = (await readdir(dist, { recursive: true })).filter((f) => f.endsWith('index.html')).sort();
  const kinds = new Map<string, string>();
  for (const file of files) {
    const dir = path.dirname(file);
    const parts = dir === '.' ? [] : dir.split(path.sep);
    const kind = parts.length <= 1 ? dir : `${parts.slice(0, -1).join('/')}/*`;
    if (!kinds.has(kind)) kinds.set(kind, parts.length === 0 ? '' : `${parts.join('/')}/`);
  }
  return [...kinds.values()];
}

/**
 * WCAG 2 contrast of each visible text against the first opaque background behind it, computed in
 * the page: 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold). Text inside an aria-hidden
 * subtree (the chart drawings, named by their wrapper) and visually hidden text are not read.
 */
async function lowContrast(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rgba = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number) as number[];
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
    };
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const problems: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim()) continue;
      const el = node.parentElement!;
      if (el.closest('[aria-hidden="true"], .visually-hidden, script, style')) continue;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden' || el.closest('details:not([open]) > :not(summary)')) continue;
      const fg = rgba(style.color).slice(0, 3);
      const [l1, l2] = [lum(fg), lum(background(el))].sort((a, b) => b - a);
      const ratio = (l1! + 0.05) / (l2! + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) problems.push(`${ratio.toFixed(2)}:1 "${node.textContent.trim().slice(0, 40)}" (${el.tagName.toLowerCase()}.${el.className})`);
    }
    return problems;
  });
}

describe('accessibility without axe-core, on every kind of page', () => {
  let work: string;
  let site: ServedSite;
  let browser: Browser;
  let kinds: string[];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it with apt-get install chromium`);
    work = await tempDir('a11y');
    await buildSite({ snapshotDir: fixtureDir, outDir: path.join(work, 'dist') });
    kinds = await pageKinds(path.join(work, 'dist'));
    site = await serveSite({ dir: path.join(work, 'dist') });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it.each(['light', 'dark'] as const)('keeps every visible text at 4.5:1 against its background (3:1 when large), %s scheme', async (scheme) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
    const found: string[] = [];
    for (const p of kinds) {
      await page.goto(site.url + p, { waitUntil: 'load' });
      for (const problem of await lowContrast(page)) found.push(`/${p}: ${problem}`);
    }
    await page.close();
    expect(found).toEqual([]);
  });

  it('names every chart by what it shows, keeps its drawing presentational, and gives every control a name and 24 px', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const found: string[] = [];
    for (const p of kinds) {
      await page.goto(site.url + p, { waitUntil: 'load' });
      found.push(...(await page.evaluate(() => {
        const problems: string[] = [];
        for (const img of document.querySelectorAll('[role="img"]')) {
          if (!img.getAttribute('aria-label')?.trim()) problems.push('chart without a name');
          if (img.querySelector('[role]')) problems.push(`graphics role inside "${img.getAttribute('aria-label')?.slice(0, 30)}"`);
          const svg = img.querySelector('svg');
          if (svg && svg.getAttribute('aria-hidden') !== 'true') problems.push('chart drawing not hidden from assistive technology');
        }
        for (const control of document.querySelectorAll<HTMLElement>('button, summary, input, select')) {
          const box = control.getBoundingClientRect();
          if (box.width === 0) continue; // not shown at this width
          const name = control.getAttribute('aria-label') ?? control.textContent?.trim() ?? (control as HTMLInputElement).labels?.[0]?.textContent;
          if (!name?.trim() && !(control as HTMLInputElement).labels?.length) problems.push(`${control.tagName} without a name`);
          if (box.height < 24 && box.width < 24) problems.push(`${control.tagName} "${name?.slice(0, 20)}" is ${Math.round(box.width)}×${Math.round(box.height)} px`);
        }
        if (document.querySelectorAll('main h1').length !== 1) problems.push('not exactly one h1');
        if (!document.documentElement.lang) problems.push('no lang');
        return problems;
      })).map((problem) => `/${p}: ${problem}`));
      // The first Tab lands on the skip link, which moves focus to the main content.
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent)) !== 'Skip to content') found.push(`/${p}: the first Tab does not reach the skip link`);
    }
    await page.close();
    expect(kinds.length).toBeGreaterThan(6);
    expect(found).toEqual([]);
  });
});
