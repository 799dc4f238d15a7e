import { createRequire } from 'node:module';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServedSite } from '../../site/serve.ts';
import { readSnapshot, type Snapshot } from '../../site/src/lib/snapshot.ts';
import { fixtureDir } from './helpers.ts';
import { openSiteInChromium } from './site-in-chromium.ts';

/**
 * A project page in Chromium, checked against the published JSON: the earned value by month end
 * (figure, data table, CSV) and the unaligned tasks, each linked to its source.
 */
describe('the project page: earned value over time and unaligned tasks, in Chromium', () => {
  let site: ServedSite;
  let browser: Browser;
  let snapshot: Snapshot;
  const page = 'project/jira-pay-0uis1wd/';

  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    snapshot = await readSnapshot(fixtureDir);
    ({ site, browser, close } = await openSiteInChromium('project-ev'));
  });

  afterAll(async () => {
    await close?.();
  });

  it("passes axe's WCAG A and AA rules with the chart and its data table open, light and dark", async () => {
    const tab = await browser.newPage({ viewport: { width: 390, height: 900 } });
    await tab.goto(site.url + page, { waitUntil: 'load' });
    await tab.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    await tab.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
    const found: string[] = [];
    for (const scheme of ['light', 'dark'] as const) {
      await tab.emulateMedia({ colorScheme: scheme });
      const ids = await tab.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (c: Element, o: object) => Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
        const { violations } = await axe.run(document.querySelector('[data-evm-months]')!, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
        return violations.flatMap((v) => v.nodes.map((n) => `${v.id} ${JSON.stringify(n.target)}`));
      });
      found.push(...ids.map((id) => `${scheme} ${id}`));
    }
    expect(found).toEqual([]);
    expect(await tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await tab.close();
  });

  const pay = () => snapshot.documents['projects.json'].projects.find((p) => p.id === 'jira:PAY')!;

  it('tables and offers as CSV the PV, EV and AC the document publishes, with the latest SPI and CPI in words', async () => {
    const tab = await browser.newPage();
    await tab.goto(site.url + page, { waitUntil: 'load' });
    const figure = tab.locator('[data-evm-months] figure.chart');
    const drawn = pay().evmMonths!.filter((m) => m.pv + m.ev + m.ac > 0);
    const rows = await figure.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent?.trim() ?? '')));
    expect(rows.map((r) => r.slice(0, 4))).toEqual(drawn.map((m) => [m.period, String(m.pv), String(m.ev), String(m.ac)]));
    const label = await figure.locator('[role="img"]').first().getAttribute('aria-label');
    expect(label).toContain(`SPI ${pay().evm.spi!.toFixed(2)}`);
    expect(label).toContain(`CPI ${pay().evm.cpi!.toFixed(2)}`);
    const csvHref = await figure.locator('a[data-csv]').getAttribute('href');
    const csv = await (await fetch(new URL(csvHref!, site.url + page))).text();
    expect(csv.trim().split(/\r?\n/).slice(1).map((line) => line.split(',').slice(0, 4))).toEqual(drawn.map((m) => [m.period, String(m.pv), String(m.ev), String(m.ac)]));
    await tab.close();
  });

  it('lists the unaligned tasks, escaped, each linked to where it lives', async () => {
    const template = snapshot.documents['quality.json'].sources.find((s) => s.name === 'asana')!.taskUrl!;
    const checkout = snapshot.documents['projects.json'].projects.find((p) => p.id === 'asana:1201')!;
    const tab = await browser.newPage();
    await tab.goto(`${site.url}project/asana-1201-1fpuvjx/`, { waitUntil: 'load' });
    const links = tab.locator('#project-unaligned-tasks a[data-source-link]');
    const tasks = checkout.unalignedTasks!;
    expect(await links.allInnerTexts()).toEqual(tasks.map((t) => t.title));
    const inSource = (id: string) => encodeURIComponent(id.slice(id.indexOf(':') + 1));
    expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(tasks.map((t) => template.replace('{id}', inSource(t.id)).replace('{projectId}', '1201')));
    expect(await tab.locator('#project-unaligned-tasks td.num').allInnerTexts()).toEqual(['43 h', '12 h']) // whole hours, as everywhere on the site;
    expect(tasks.map((t) => t.title)).toContain('Migrate <legacy> receipts & "refunds"');
    await tab.goto(site.url + page, { waitUntil: 'load' });
    expect(await tab.getByText('No task of this project matching no theme had hours in the window.').count()).toBe(1);
    await tab.goto(`${site.url}project/jira-eng-1j0iyhv/`, { waitUntil: 'load' });
    expect(await tab.locator('#project-unaligned-tasks').count()).toBe(0);
    expect(await tab.getByText("holds today's earned value only").count()).toBe(1);
    await tab.close();
  });
});
