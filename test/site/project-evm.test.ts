import { describe, expect, it } from 'vitest';
import { renderChart } from '../../site/src/lib/charts.ts';
import { portfolioSiteTables } from '../../site/src/lib/portfolio-charts.ts';
import { drawnMonths, latestReading, projectEvmDef } from '../../site/src/lib/project-evm.ts';
import { readSnapshot } from '../../site/src/lib/snapshot.ts';
import { fixtureDir } from './helpers.ts';

const snapshot = await readSnapshot(fixtureDir);
const projects = snapshot.documents['projects.json'].projects;
const pay = projects.find((p) => p.id === 'jira:PAY')!;

describe("a project's earned value by month end, on its page", () => {
  it('draws PV, EV and AC from the first month with hours to the partial as-of month', async () => {
    const def = projectEvmDef(pay)!;
    expect(def.id).toBe('project/jira-pay-0uis1wd-evm');
    expect(def.table.columns).toEqual(['Month', 'PV hours', 'EV hours', 'AC hours', 'Partial']);
    // The fixture has no hours before June 2025: the six empty months are left out.
    expect(def.table.rows).toEqual([
      ['2025-06', '40', '30', '45', ''],
      ['2025-07', '120', '110', '140', ''],
      ['2025-08', '220', '200', '250', ''],
      ['2025-09', '330', '300', '370', ''],
      ['2025-10', '450', '410', '500', ''],
      ['2025-11', '560', '510', '610', 'partial: to 23 Nov'],
    ]);
    const values = (def.spec as { data: { values: { measure: string; hours: number }[] } }).data.values;
    expect(values.filter((v) => v.measure === 'Earned value (EV)').map((v) => v.hours)).toEqual([30, 110, 200, 300, 410, 510]);
    expect(values).toHaveLength(18);
    const chart = await renderChart(def);
    expect(chart.svg).toContain('<svg');
    expect(chart.svg).toContain('2025-11 (partial)');
    // One drawing that fits a phone, not a wide one and a narrow one on every project page.
    expect(chart.narrowSvg).toBeUndefined();
    expect(Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(chart.svg)?.[1])).toBeLessThanOrEqual(320);
  });

  it('says the latest SPI and CPI in words in its text alternative', () => {
    const label = projectEvmDef(pay)!.label;
    expect(label).toContain('from June 2025 to November 2025 (partial: to 23 Nov)');
    expect(label).toContain('SPI 0.91: 510 h earned of 560 h planned, behind schedule');
    expect(label).toContain('CPI 0.84: 510 h earned for 610 h spent, over budget');
    expect(latestReading({ ...pay, evm: { ...pay.evm, spi: 1.05, cpi: null } })).toBe('SPI 1.05: 510 h earned of 560 h planned, on or ahead of schedule; no CPI (no hours logged yet)');
  });

  it('leaves AC out where the source cannot give hours, and draws nothing from a snapshot without the series', () => {
    const def = projectEvmDef({ ...pay, hoursUnavailable: 'Asana plan without time tracking', evm: { ...pay.evm, cpi: null } })!;
    expect(def.table.columns).toEqual(['Month', 'PV hours', 'EV hours', 'Partial']);
    expect(def.label).toContain('no CPI (hours unavailable: Asana plan without time tracking)');
    expect(projectEvmDef(projects.find((p) => p.id === 'jira:ENG')!)).toBeUndefined();
  });

  it('draws only AC where the source has no estimates in hours, and says why there is no SPI or CPI', () => {
    const reason = 'Linear estimates are points, not hours: no cost baseline';
    const linear = { ...pay, hourEstimatesUnavailable: reason, evm: { ...pay.evm, spi: null, cpi: null } };
    const def = projectEvmDef(linear)!;
    expect(def.table.columns).toEqual(['Month', 'AC hours', 'Partial']);
    expect(def.table.rows[0]).toEqual(['2025-06', '45', '']);
    expect(def.numeric).toEqual([1]);
    expect(def.note).toContain('No PV or EV: the source\u2019s estimates are not hours (no cost baseline).');
    expect(def.note).not.toContain('EV below PV');
    expect(latestReading(linear)).toBe(`no SPI or CPI (${reason}); 610 h spent`);
    // Neither hours nor estimates in hours: nothing to draw.
    expect(projectEvmDef({ ...linear, hoursUnavailable: 'no time tracking' })).toBeUndefined();
  });

  it('keeps the as-of month of a project with no hours yet', () => {
    const empty = [{ period: '2025-10', pv: 0, ev: 0, ac: 0 }, { period: '2025-11', partial: true as const, to: '2025-11-23', pv: 0, ev: 0, ac: 0 }];
    expect(drawnMonths(empty).map((m) => m.period)).toEqual(['2025-11']);
  });

  it('publishes the table as the CSV the figure links to', () => {
    const table = portfolioSiteTables(snapshot).find((t) => t.id === 'project/jira-pay-0uis1wd-evm');
    expect(table?.table).toEqual(projectEvmDef(pay)!.table);
  });
});
