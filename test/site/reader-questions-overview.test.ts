// Readers' questions, asked from the overview in Chromium and answered within two clicks from what
// the page shows. Every expected answer is worked out here from the published JSON the site was
// built from, never from constants: (1) how a PM compares with the company on delivery and cost,
// (2) the best and worst three on on-time delivery and whether they differ beyond noise, (5)
// whether the data is fresh and complete.
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedSite } from '../../site/serve.ts';
import type { ManagersDoc, QualityDoc, Latest } from '../../functions/contract/documents.ts';
import { fixtureDir } from './helpers.ts';
import { openSiteInChromium } from './site-in-chromium.ts';

const text = async (page: Page, selector: string) => (await page.locator(selector).innerText()).trim();

describe('readers\' questions from the overview', () => {
  let site: ServedSite;
  let browser: Browser;
  let managers: ManagersDoc;
  let quality: QualityDoc;
  let latest: Latest;

  let close: (() => Promise<void>) | undefined;

  /** The fixture snapshot with a cost area added, written into the test's folder. */
  async function withCostArea(work: string): Promise<string> {
    const snapshot = path.join(work, 'snapshot');
    await cp(fixtureDir, snapshot, { recursive: true });
    // The fixture scores delivery, flow and effort; a cost area (over SPI) lets question 1 be asked as leadership asks it.
    const doc = JSON.parse(await readFile(path.join(snapshot, 'managers.json'), 'utf8')) as ManagersDoc;
    doc.areas!.push({ id: 'cost', name: 'Cost', description: 'Earned value.', kpis: ['spi'] });
    const costScores: Record<string, number> = { 'pm-ada': 91, 'pm-grace': 104, 'pm-nasty': 77, 'pm-linus': 120 };
    for (const pm of doc.managers) if (pm.areas) pm.areas.push({ id: 'cost', score: costScores[pm.id] ?? 100 });
    await writeFile(path.join(snapshot, 'managers.json'), JSON.stringify(doc));
    managers = doc;
    quality = JSON.parse(await readFile(path.join(snapshot, 'quality.json'), 'utf8'));
    latest = JSON.parse(await readFile(path.join(snapshot, 'latest.json'), 'utf8'));
    return snapshot;
  }

  beforeAll(async () => {
    ({ site, browser, close } = await openSiteInChromium('reader-questions', { snapshot: withCostArea }));
  });

  afterAll(async () => {
    await close?.();
  });

  it('(1) how each PM compares with the company on delivery and cost: read off the area grid, one click to the PM', async () => {
    const page = await browser.newPage();
    await page.goto(site.url, { waitUntil: 'load' });
    const headings = (await page.locator('[data-area-grid] thead th').allInnerTexts()).map((t) => t.trim());
    const column = (name: string) => headings.indexOf(name);
    const scored = managers.managers.filter((pm) => pm.areas?.length);
    expect(scored.length).toBeGreaterThan(1);
    for (const pm of scored) {
      const cells = (await page.locator(`[data-area-grid] tr[data-pm="${pm.id}"] > *`).allInnerTexts()).map((t) => t.trim());
      for (const area of ['Delivery', 'Cost']) {
        const id = managers.areas!.find((a) => a.name === area)!.id;
        const score = pm.areas!.find((a) => a.id === id)!.score!;
        expect(cells[column(area)], `${pm.name} ${area}`).toBe(String(Math.round(score)));
        // Above or below the company (100) shows in the cell's colour band too, not only its number.
        const cls = await page.locator(`[data-area-grid] tr[data-pm="${pm.id}"] > *`).nth(column(area)).getAttribute('class');
        if (score <= 100 - 15) expect(cls).toContain('gm2');
        if (score >= 100 + 15) expect(cls).toContain('gp2');
      }
    }
    // One click: the cell opens that PM's page at the areas, which shows the same score.
    const pm = scored.find((m) => m.id === 'pm-grace')!;
    await page.locator(`[data-area-grid] tr[data-pm="${pm.id}"] > *`).nth(column('Cost')).locator('a').click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).hash).toBe('#areas');
    expect(await text(page, 'main h1')).toBe(pm.name);
    const costRow = (await page.locator('#areas ~ figure tr', { hasText: 'Cost' }).first().allTextContents()).join(' ');
    expect(costRow).toContain(String(Math.round(pm.areas!.find((a) => a.id === 'cost')!.score!)));
    await page.close();
  });

  it('(2) the best and worst three on on-time delivery, and whether each differs beyond noise: one click to the KPI page', async () => {
    const page = await browser.newPage();
    await page.goto(site.url, { waitUntil: 'load' });
    const kpi = managers.kpis.find((k) => k.id === 'onTimeRate')!;
    await page.locator('nav.kpi-links a', { hasText: kpi.name }).click();
    await page.waitForLoadState('load');
    expect(await text(page, 'main h1')).toBe(kpi.name);

    // Worked out from the JSON: PMs with a value, best first (higher is better here), ties by name.
    const ranked = managers.managers
      .filter((pm) => pm.values.onTimeRate?.value !== null && pm.values.onTimeRate !== undefined)
      .sort((a, b) => b.values.onTimeRate!.value! - a.values.onTimeRate!.value! || a.name.localeCompare(b.name, 'en'));
    const words = (signal: string | undefined) => (signal === 'better' ? 'above (better)' : signal === 'worse' ? 'below (worse)' : 'within');
    const expected = ranked.map((pm) => ({ name: pm.name, limits: words(pm.values.onTimeRate!.signal) }));

    const rows = await page.locator('[data-ranking] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ name: tr.querySelector('th')!.textContent!.trim(), limits: tr.querySelector('[data-limits]')?.textContent?.trim() ?? '' })));
    const shown = rows.slice(0, ranked.length);
    expect(shown.slice(0, 3)).toEqual(expected.slice(0, 3));
    expect(shown.slice(-3)).toEqual(expected.slice(-3));
    // Beyond noise means beyond the published 95 % limit: |deviation| > limit95.
    for (const pm of ranked) {
      const v = pm.values.onTimeRate!;
      const beyond = Math.abs(v.deviation!) > v.limit95!;
      expect(rows.find((r) => r.name === pm.name)!.limits === 'within', pm.name).toBe(!beyond);
    }
    // The funnel plot on the same page draws the pooled rate it names and labels its points.
    const label = await page.locator('figure.chart .chart-svg[role="img"]').first().getAttribute('aria-label');
    expect(label).toContain(`pooled rate of ${Math.round(managers.company.onTimeRate!.funnel!.target * 100)}%`);
    const svgText = await page.locator('figure.chart .chart-svg').first().locator('svg text').allTextContents();
    expect(svgText).toContain('pooled rate');
    for (const pm of ranked) expect(svgText).toContain(pm.name);
    await page.close();
  });

  it('(5) whether the data is fresh and complete: on the overview itself', async () => {
    const page = await browser.newPage();
    await page.goto(site.url, { waitUntil: 'load' });
    expect(await page.locator('[data-status] [data-as-of]').getAttribute('datetime')).toBe(latest.asOf);
    const ageHours = (Date.now() - Date.parse(latest.generatedAt)) / 3_600_000;
    const verdict = await text(page, '[data-status] [data-verdict]');
    expect(verdict.startsWith(ageHours >= 48 ? 'Stale' : 'Fresh')).toBe(true);
    const failed = quality.sources.filter((s) => !s.ok || s.lastSyncAt === null);
    const quarantined = quality.sources.reduce((n, s) => n + s.quarantined, 0);
    if (failed.length > 0) expect(verdict).toContain(`${failed.length} of ${quality.sources.length} sources failed`);
    if (quarantined > 0) expect(verdict).toContain(`${quarantined} records quarantined`);
    for (const source of quality.sources) {
      const status = await text(page, `[data-status] [data-source="${source.name}"] [data-sync-status]`);
      expect(status.startsWith(source.ok ? 'ok' : 'failed')).toBe(true);
    }
    const partial = managers.companyMonths!.find((m) => m.partial);
    if (partial) expect(await text(page, '[data-partial-month]')).toContain(`partial: to`);
    else expect(await page.locator('[data-partial-month]').count()).toBe(0);
    await page.close();
  });
});
