import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServedSite } from '../../site/serve.ts';
import { readSnapshot, type Snapshot } from '../../site/src/lib/snapshot.ts';
import { fixtureDir } from './helpers.ts';
import { openSiteInChromium } from './site-in-chromium.ts';

/**
 * Questions a strategic manager brings to the site, answered in Chromium from the overview within
 * two clicks, and checked against the published JSON (not against the site's own code):
 *   (3) which portfolio is furthest from its theme targets, and which projects cause it?
 *   (4) when will portfolio Y's open work likely finish?
 */

/**
 * Each project's part of its portfolio's gap, written out again from the gap score's definition
 * (½ Σ|actual − target| + ½ unaligned): hours on an over-target theme or unaligned add, hours on an
 * under-target theme subtract, each less the project's fair share at the target.
 */
function gapParts(snapshot: Snapshot, portfolio: string): Map<string, number> {
  const alignment = snapshot.documents['alignment.json'];
  const entry = alignment.portfolios.find((p) => p.name === portfolio)!;
  const ids = new Set(snapshot.documents['projects.json'].projects.filter((p) => (p.portfolio ?? '(none)') === portfolio).map((p) => p.id));
  const parts = new Map<string, number>();
  for (const mix of alignment.projects ?? []) {
    if (!ids.has(mix.id)) continue;
    let part = mix.unalignedHours;
    for (const theme of entry.themes) {
      const hours = mix.themes.find((t) => t.id === theme.id)?.hours ?? 0;
      const over = theme.actual > theme.target ? 1 : theme.actual < theme.target ? -1 : 0;
      part += over * (hours - theme.target * mix.totalHours);
    }
    parts.set(mix.id, part / (2 * entry.totalHours));
  }
  return parts;
}

describe('reader questions on portfolios, in Chromium', () => {
  let site: ServedSite;
  let browser: Browser;
  let snapshot: Snapshot;

  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    snapshot = await readSnapshot(fixtureDir);
    ({ site, browser, close } = await openSiteInChromium('reader-portfolio'));
  });

  afterAll(async () => {
    await close?.();
  });

  async function overview(): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(site.url, { waitUntil: 'load' });
    return page;
  }

  it('(3) finds the portfolio furthest from its targets and the projects that cause it, in two clicks', async () => {
    const alignment = snapshot.documents['alignment.json'];
    const furthest = [...alignment.portfolios].sort((a, b) => b.gapScore - a.gapScore)[0]!;
    const parts = [...gapParts(snapshot, furthest.name)].sort((a, b) => b[1] - a[1]);
    const names = new Map(snapshot.documents['projects.json'].projects.map((p) => [p.id, p.name]));

    const page = await overview();
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Portfolios', exact: true }).click(); // click 1
    const answer = page.locator('#furthest');
    expect(await answer.locator('a[data-portfolio]').innerText()).toBe(furthest.name);
    expect(await page.locator('#portfolio-list tbody tr').first().locator('th a').innerText()).toBe(furthest.name);
    await answer.locator('a[data-portfolio]').click(); // click 2

    expect(await page.locator('main h1').innerText()).toBe(furthest.name);
    expect(await page.locator('[data-gap-answer] [data-gap]').innerText()).toBe(furthest.gapScore.toFixed(2));
    // The matrix lists the projects by their part of the gap, largest first, as the JSON gives them.
    // (A long matrix shows its leading rows and sums the rest in one row.)
    const rows = page.locator('#project-theme-matrix tbody tr:not(.rest)');
    const count = await rows.count();
    expect(count).toBe(Math.min(parts.length, 25));
    expect(await rows.locator('th').allInnerTexts()).toEqual(parts.slice(0, count).map(([id]) => names.get(id)));
    const shown = await rows.locator('td[data-gap-part]').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-gap-part'))));
    shown.forEach((part, i) => expect(part).toBeCloseTo(parts[i]![1], 3));
    expect(parts.reduce((sum, [, part]) => sum + part, 0)).toBeCloseTo(furthest.gapScore, 2);
    // The named cause is the project adding most, and it links to its page.
    const cause = page.locator('[data-gap-answer] a[data-cause]').first();
    expect(await cause.innerText()).toBe(names.get(parts[0]![0]));
    await cause.click();
    expect(await page.locator('main h1').innerText()).toBe(names.get(parts[0]![0]));
    await page.close();
  });

  it("(4) reads when a portfolio's open work will likely finish, in one click from the overview", async () => {
    const forecasts = snapshot.documents['forecasts.json'].portfolios;
    const listed = new Set(snapshot.documents['portfolios.json'].portfolios.map((p) => p.name));
    const y = forecasts.find((f) => f.status === 'ok' && listed.has(f.name))!;

    const page = await overview();
    await page.locator('table.health-table').getByRole('link', { name: y.name, exact: true }).click(); // click 1
    expect(await page.locator('main h1').innerText()).toBe(y.name);
    const panel = page.locator('#forecast ~ .forecast').first();
    expect(await panel.locator('[data-p85]').innerText()).toBe(y.p85);
    expect(await panel.locator('[data-p50]').innerText()).toBe(y.p50);
    expect(await panel.locator('[data-p95]').innerText()).toBe(y.p95);
    expect(await panel.locator('[data-forecast-answer]').innerText()).toContain(`likely finish by ${y.p85}`);
    // The distribution behind the dates, and the throughput, as data tables matching the JSON.
    const distribution = panel.locator('figure.chart[id$="-forecast-distribution"] tbody tr');
    expect(await distribution.count()).toBe(y.distribution.length);
    expect(await distribution.last().locator('th').textContent()).toBe(y.distribution.at(-1)!.date);
    const throughput = panel.locator('figure.chart[id$="-forecast-throughput"] tbody tr td');
    expect((await throughput.allTextContents()).map(Number)).toEqual(y.weeklyThroughput);
    await page.close();
  });

  it("links a project's late tasks to where they live in its source", async () => {
    const sources = snapshot.documents['quality.json'].sources;
    const project = snapshot.documents['projects.json'].projects.find((p) => p.lateTasks?.length && sources.some((s) => s.name === p.source && s.taskUrl))!;
    const template = sources.find((s) => s.name === project.source)!.taskUrl!;
    const page = await browser.newPage();
    await page.goto(`${site.url}portfolio/`, { waitUntil: 'load' });
    await page.locator('#portfolio-list').getByRole('link', { name: project.portfolio!, exact: true }).click();
    await page.locator('#portfolio-projects').getByRole('link', { name: project.name, exact: true }).click();
    const links = page.locator('#project-tasks a[data-source-link]');
    expect(await links.allInnerTexts()).toEqual(project.lateTasks!.map((t) => t.title));
    const inSource = (id: string) => encodeURIComponent(id.slice(id.indexOf(':') + 1));
    const expected = project.lateTasks!.map((t) => template.replace('{id}', inSource(t.id)).replace('{projectId}', inSource(project.id)));
    expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(expected);
    await page.close();
  });

  it.each(['portfolio/', 'forecasts/', 'project/jira-pay-0uis1wd/'])('fits /%s in 390 px without horizontal scroll, each chart with a text alternative', async (p) => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(site.url + p, { waitUntil: 'load' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    for (const figure of await page.locator('figure.chart [role="img"]').all()) expect((await figure.getAttribute('aria-label'))?.length).toBeGreaterThan(20);
    await page.close();
  });
});
