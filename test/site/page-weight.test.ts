import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { buildSite } from '../../site/build.ts';
import { writeScaleSnapshot } from '../../bench/scale-snapshot.ts';
import { tempDir } from './helpers.ts';

/**
 * A large company's pages stay light (issue: every page at most 150 KB of HTML at 200 PMs, which
 * bench/site-scale.ts measures) without losing a figure. Built at 60 PMs to keep the test short:
 * a KPI page grows by one ranking row and one funnel point (drawn twice) per PM past its fixed
 * part, so at 60 PMs it must leave room for 140 more PMs' worth inside the budget.
 */
const PMS = 60;
const BUDGET = 150 * 1024;
/** Bytes a KPI page grows by per PM: a ranking row and a funnel point in two drawings, measured at about 390 (60 to 200 PMs), with room to spare. */
const PER_PM = 550;
const KPIS = ['onTimeRate', 'estimateAccuracy', 'cycleTime', 'spi', 'cpi', 'hoursLogged'];
const RATES = ['onTimeRate', 'estimateAccuracy'];
/** The anonymised pages: every PM a dot in each KPI's strip, on the overview and the comparison for every ranked KPI at once. */
const TWINS = ['anonymous/index.html', 'anonymous/compare/index.html', ...KPIS.map((k) => `anonymous/kpi/${k}/index.html`)];
/** Bytes an anonymised page grows by per PM: a dot per KPI strip (about 12 each) and, on a KPI page, its value in the list; measured at about 200 on the comparison. */
const TWIN_PER_PM = 400;
/** Strategy's alignment page: every PM a row of the per-PM table (its CSV is leadership's), each figure a number or the note. */
const STRATEGY_ALIGNMENT = 'anonymous/alignment/index.html';
/** Bytes a row of that table takes with every figure held back (the longest a row gets); measured at about 330. */
const STRATEGY_PER_PM = 450;

describe('page weight at scale', () => {
  let work: string;
  const html = new Map<string, string>();
  const read = (file: string) => readFile(path.join(work, 'site', file), 'utf8');

  beforeAll(async () => {
    work = await tempDir('page-weight');
    await writeScaleSnapshot(path.join(work, 'snapshot'), { pms: PMS, projects: PMS });
    await buildSite({ snapshotDir: path.join(work, 'snapshot'), outDir: path.join(work, 'site') });
    for (const page of [...KPIS.map((k) => `kpi/${k}/index.html`), 'alignment/index.html', STRATEGY_ALIGNMENT, ...TWINS]) html.set(page, await read(page));
  }, 600_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('keeps each KPI page small enough to hold 200 PMs within 150 KB', () => {
    for (const kpi of KPIS) {
      const size = Buffer.byteLength(html.get(`kpi/${kpi}/index.html`)!);
      expect(size, kpi).toBeLessThanOrEqual(BUDGET - (200 - PMS) * PER_PM);
    }
  });

  it('keeps the anonymised pages small enough to hold 200 PMs within 150 KB', () => {
    for (const page of TWINS) {
      const size = Buffer.byteLength(html.get(page)!);
      expect(size, page).toBeLessThanOrEqual(BUDGET - (200 - PMS) * TWIN_PER_PM);
    }
  });

  it('lists every PM in the ranking and leaves the charts\' tables to complete CSV files', async () => {
    for (const kpi of KPIS) {
      const page = html.get(`kpi/${kpi}/index.html`)!;
      expect(page.match(/<tr data-pm=/g), kpi).toHaveLength(PMS);
      const figures = page.split('<figure').slice(1);
      expect(figures, kpi).toHaveLength(RATES.includes(kpi) ? 2 : 1);
      for (const figure of figures) {
        expect(figure, kpi).not.toContain('<details');
        expect(figure, kpi).toContain('data-table-as-link');
        const id = /id="([^"]+)"/.exec(figure)![1]!;
        const rows = parseCsv(await read(`data/${id}.csv`)) as string[][];
        // Header, one row per PM with a value, and the company's line.
        expect(rows.length, id).toBeGreaterThanOrEqual(PMS);
        expect(figure, id).toContain(`The data table has ${rows.length - 1} rows`);
      }
    }
  });

  it('draws the best and worst ten of the dot plot, with the PMs between counted', () => {
    const page = html.get('kpi/spi/index.html')!;
    const dots = page.slice(page.indexOf('<figure'));
    expect(dots).toContain(`>… ${PMS - 20} more PMs<`);
    expect(dots).toContain(`the best 10 and the worst 10 of ${PMS} PMs; the ranking above lists them all`);
    // The mean of PMs drawn once in each drawing, not once per PM.
    expect(dots.match(/>mean of PMs</g)).toHaveLength(2);
    // Each drawing names 20 PMs on its axis, not 60.
    const named = dots.match(/>Manager \d+</g) ?? [];
    expect(named.length).toBeLessThanOrEqual(2 * 20 + 2);
  });

  it('names only the ends of a funnel', () => {
    const page = html.get('kpi/onTimeRate/index.html')!;
    const funnel = page.slice(page.indexOf('<figure'), page.indexOf('</figure>'));
    const svgs = funnel.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(2);
    for (const svg of svgs) expect((svg.match(/>(?:Manager \d+|&lt;script)/g) ?? []).length).toBe(6);
  });

  it('draws many portfolios once each and cuts the per-PM alignment table to the largest gaps, every PM in its CSV', async () => {
    const page = html.get('alignment/index.html')!;
    expect(Buffer.byteLength(page)).toBeLessThanOrEqual(BUDGET);
    const portfolios = page.split('<figure').slice(1).filter((f) => f.includes('id="alignment-portfolio-'));
    expect(portfolios).toHaveLength(12);
    for (const figure of portfolios) expect(figure.match(/<svg/g)).toHaveLength(1);
    const managers = page.slice(page.indexOf('id="managers"'));
    expect(managers.match(/<tr>/g)).toHaveLength(1 + 25);
    expect(managers).toContain(`${PMS - 25} more PMs`);
    const csv = parseCsv(await read('data/alignment-managers.csv')) as string[][];
    expect(csv).toHaveLength(1 + PMS);
    expect(csv[0]).toEqual(['Project manager', 'Hours', 'Unaligned', 'Gap score']);
  });

  it('keeps strategy\'s alignment page, every PM in its table, small enough to hold 200 PMs within 150 KB', () => {
    const page = html.get(STRATEGY_ALIGNMENT)!;
    const managers = page.slice(page.indexOf('id="managers"'));
    expect(managers.match(/<tr>/g)).toHaveLength(1 + PMS);
    expect(Buffer.byteLength(page)).toBeLessThanOrEqual(BUDGET - (200 - PMS) * STRATEGY_PER_PM);
  });
});
