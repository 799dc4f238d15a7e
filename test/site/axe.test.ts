// Accessibility of one page of every kind the build wrote (found in its output, so pages added
// later are checked too): axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules in the light and the dark
// scheme on a 1,440 px screen and a 390 px phone, and what axe does not check: focus that shows on
// every control, the skip link, one h1, and chart text alternatives that say what the chart shows.
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedSite } from '../../site/serve.ts';
import { pageKinds } from './helpers.ts';
import { openSiteInChromium } from './site-in-chromium.ts';

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SCHEMES = ['light', 'dark'] as const;

/** Runs axe in a page it was injected into, one line per failing element. */
async function axeViolations(page: Page): Promise<string[]> {
  return page.evaluate(async (tags) => {
    type Result = { violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] };
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<Result> } }).axe;
    const { violations } = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.impact}) ${JSON.stringify(n.target)}: ${v.help}. ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
    );
  }, WCAG_TAGS);
}

/**
 * Focuses every control that can be reached by Tab and reads its focus indicator: an outline of at
 * least 2 px whose colour stands 3:1 against the background behind the control (WCAG 1.4.11).
 * Run after a real Tab press, so Chromium treats each focus() as keyboard focus (:focus-visible).
 */
async function unseenFocus(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rgba = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
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
    const reachable = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    for (const el of document.querySelectorAll<HTMLElement>(reachable)) {
      if (el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden' || (el as HTMLButtonElement).disabled) continue;
      el.focus();
      const what = `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
      if (document.activeElement !== el) continue; // inside a closed disclosure: not reachable
      const style = getComputedStyle(el);
      const width = parseFloat(style.outlineWidth);
      if (!el.matches(':focus-visible') || style.outlineStyle === 'none' || width < 2) {
        problems.push(`${what}: outline ${style.outlineStyle} ${style.outlineWidth}`);
        continue;
      }
      const [l1, l2] = [lum(rgba(style.outlineColor)), lum(background(el.parentElement))].sort((a, b) => b - a);
      const ratio = (l1! + 0.05) / (l2! + 0.05);
      if (ratio < 3) problems.push(`${what}: focus outline at ${ratio.toFixed(2)}:1`);
    }
    return problems;
  });
}

/**
 * Chart text alternatives: each names what the chart shows with at least one of its figures, and
 * its drawing is hidden from assistive technology with no role inside. A ranking of PMs must name
 * the best and the worst PM and the mean of PMs, and the competency areas their highest and lowest
 * score, as the chart's own data table has them.
 */
async function chartNameProblems(page: Page): Promise<{ problems: string[]; checked: string[] }> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const checked: string[] = [];
    const value = (text: string) => Number.parseFloat(text.replace(/,/g, ''));
    for (const figure of document.querySelectorAll('figure.chart')) {
      const drawings = [...figure.querySelectorAll('[role="img"]')];
      if (drawings.length === 0) problems.push(`${figure.id}: no drawing with role img`);
      for (const img of drawings) {
        const label = img.getAttribute('aria-label')?.trim() ?? '';
        if (label.split(/\s+/).length < 6 || !/\d/.test(label)) problems.push(`${figure.id}: name says too little: "${label}"`);
        if (img.querySelector('[role]')) problems.push(`${figure.id}: graphics role inside the drawing`);
        const svg = img.querySelector('svg');
        if (!svg || svg.getAttribute('aria-hidden') !== 'true') problems.push(`${figure.id}: drawing not hidden from assistive technology`);
      }
      const rows = [...figure.querySelectorAll('details tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()));
      const label = drawings[0]?.getAttribute('aria-label') ?? '';
      if (figure.id.endsWith('-areas')) {
        checked.push('areas');
        const scored = rows.filter((r) => !Number.isNaN(value(r[1]!))).sort((a, b) => value(b[1]!) - value(a[1]!));
        const [top, bottom] = [scored[0]!, scored.at(-1)!];
        if (scored.length > 1 && !label.endsWith(`highest ${top[0]} ${top[1]}, lowest ${bottom[0]} ${bottom[1]}`)) problems.push(`${figure.id}: highest ${top[0]} and lowest ${bottom[0]} not named: "${label}"`);
      }
      // A ranking of PMs: its table lists them best first, then the mean of PMs.
      if (!rows.some((r) => r[0] === 'Mean of PMs')) continue;
      checked.push('ranking');
      const pms = rows.filter((r) => r[0] !== 'Mean of PMs');
      const mean = pms.reduce((sum, r) => sum + value(r[1]!), 0) / pms.length;
      const named = Number.parseFloat(label.match(/mean of PMs of ([\d.,]+)/)?.[1]?.replace(/,/g, '') ?? 'NaN');
      if (!(Math.abs(named - mean) <= Math.max(0.01, Math.abs(mean) * 0.01))) problems.push(`${figure.id}: mean named ${named}, the table's PMs average ${mean}`);
      if (!label.includes(`Best: ${pms[0]![0]} ${pms[0]![1]}`)) problems.push(`${figure.id}: best is not ${pms[0]![0]}: "${label}"`);
      if (!label.includes(`Worst: ${pms.at(-1)![0]} ${pms.at(-1)![1]}`)) problems.push(`${figure.id}: worst is not ${pms.at(-1)![0]}: "${label}"`);
    }
    return { problems, checked };
  });
}

describe('accessibility of every kind of page', () => {
  let work: string;
  let site: ServedSite;
  let browser: Browser;
  let kinds: string[];

  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    let dist: string;
    ({ dist, site, browser, close } = await openSiteInChromium('a11y'));
    // Every folder kind, and the pages written as files of their own (the 404 page).
    const files = (await readdir(dist)).filter((f) => f.endsWith('.html') && f !== 'index.html');
    kinds = [...(await pageKinds(dist)), ...files];
  });

  afterAll(async () => {
    await close?.();
  });

  it('finds the page kinds in the build output', () => {
    expect(kinds).toEqual(expect.arrayContaining(['', 'compare/', 'alignment/', 'forecasts/', 'quality/', 'definitions/', 'portfolio/', 'anonymous/', 'anonymous/compare/', 'anonymous/kpi/cycleTime/', 'anonymous/alignment/', 'anonymous/portfolio/', 'anonymous/portfolio/Platform/', 'anonymous/project/asana-1201-1fpuvjx/', 'no-access/', '404.html']));
    for (const folder of ['kpi/', 'pm/', 'portfolio/', 'project/']) expect(kinds.filter((k) => k.startsWith(folder) && k !== 'portfolio/'), folder).toHaveLength(1);
  });

  // Every page kind twice over (the anonymised pages and the no-access page among them): longer than the default on a busy machine.
  it.each([1440, 390])('axe finds no WCAG A or AA violation at %i px, light and dark', async (width) => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const found: string[] = [];
    for (const p of kinds) {
      await page.goto(site.url + p, { waitUntil: 'load' });
      // The menu and the chart data tables sit in <details>: open them so what they hold is checked too.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      await page.addScriptTag({ path: AXE_SCRIPT });
      // The scheme changes the colours only, so one load serves both.
      const backgrounds = new Set<string>();
      for (const scheme of SCHEMES) {
        await page.emulateMedia({ colorScheme: scheme });
        backgrounds.add(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
        for (const violation of await axeViolations(page)) found.push(`/${p} ${scheme} ${violation}`);
      }
      if (backgrounds.size !== SCHEMES.length) found.push(`/${p}: the dark scheme did not change the page's background`);
    }
    await page.close();
    expect(found, found.join('\n')).toEqual([]);
  }, 240_000);

  it.each([1440, 390])('shows focus on every control, offers the skip link first and has one h1, at %i px', async (width) => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const found: string[] = [];
    for (const p of kinds) {
      await page.goto(site.url + p, { waitUntil: 'load' });
      if ((await page.locator('main h1').count()) !== 1) found.push(`/${p}: not exactly one h1`);
      // The first Tab lands on the skip link, shown on screen, which moves focus to the main content.
      await page.keyboard.press('Tab');
      const skip = await page.evaluate(() => {
        const el = document.activeElement!;
        const box = el.getBoundingClientRect();
        return { text: el.textContent, onScreen: box.top >= 0 && box.bottom <= innerHeight && box.width > 0 };
      });
      if (skip.text !== 'Skip to content' || !skip.onScreen) found.push(`/${p}: the first Tab does not show the skip link`);
      for (const problem of await unseenFocus(page)) found.push(`/${p}: ${problem}`);
      await page.goto(site.url + p, { waitUntil: 'load' });
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      if ((await page.evaluate(() => document.activeElement?.id)) !== 'main') found.push(`/${p}: the skip link does not move focus to main`);
    }
    await page.close();
    expect(found, found.join('\n')).toEqual([]);
  });

  it('names every chart by what it shows and keeps its drawing presentational', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const found: string[] = [];
    let charts = 0;
    const ranked = new Set<string>();
    for (const p of kinds) {
      await page.goto(site.url + p, { waitUntil: 'load' });
      charts += await page.locator('figure.chart').count();
      const { problems, checked } = await chartNameProblems(page);
      for (const problem of problems) found.push(`/${p}: ${problem}`);
      checked.forEach((kind) => ranked.add(kind));
    }
    await page.close();
    expect(charts).toBeGreaterThan(8);
    expect([...ranked], 'a ranking of PMs and the competency areas were checked').toEqual(expect.arrayContaining(['ranking', 'areas']));
    expect(found, found.join('\n')).toEqual([]);
  });
});
