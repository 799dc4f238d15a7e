import { describe, expect, it } from 'vitest';
import { alignmentChart, kpiChart, UNALIGNED_THEME } from '../../site/src/lib/charts.ts';
import { pmColour } from '../../site/src/lib/palette.ts';
import { valueDomains } from '../../site/src/lib/scales.ts';
import { readSnapshot } from '../../site/src/lib/snapshot.ts';
import { toSvg } from '../../site/src/lib/vega-svg.ts';
import { fixtureDir, NASTY_NAME } from './helpers.ts';

const snapshot = await readSnapshot(fixtureDir);
const managers = snapshot.documents['managers.json'];
const kpi = (id: string) => managers.kpis.find((k) => k.id === id)!;

describe('pmColour', () => {
  it('gives a PM the same colour every time and different PMs different colours', () => {
    expect(pmColour('pm-ada')).toBe(pmColour('pm-ada'));
    const colours = new Set(managers.managers.map((pm) => pmColour(pm.id)));
    expect(colours.size).toBe(managers.managers.length);
  });
});

describe('valueDomains', () => {
  it('shows ratios on the whole 0–100 % and covers every value and mean of a unit', () => {
    const domains = valueDomains(managers);
    expect(domains.get('ratio')).toEqual([0, 1]);
    expect(domains.get('hours')).toEqual([0, 1240]);
  });
});

describe('toSvg', () => {
  it('escapes every character of a hostile name that Vega writes as text', async () => {
    const svg = await toSvg({ title: NASTY_NAME, data: { values: [{ x: 1 }] }, mark: 'point', encoding: { x: { field: 'x', type: 'quantitative' } } });
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; "Co"');
    expect(svg).not.toContain('<script');
  });
});

describe('kpiChart', () => {
  it('renders an SVG whose text escapes source names', async () => {
    const chart = await kpiChart(managers, kpi('onTimeRate'));
    expect(chart.svg.startsWith('<svg')).toBe(true);
    expect(chart.svg).not.toContain('<script');
    expect(chart.svg).toContain('&lt;script&gt;alert(1)');
  });

  it('tables every PM, the small samples, the PMs with no data and the mean', async () => {
    const chart = await kpiChart(managers, kpi('onTimeRate'));
    expect(chart.table.rows).toHaveLength(managers.managers.length + 1);
    expect(chart.table.rows).toContainEqual([NASTY_NAME, '0%', '4', 'small sample']);
    expect(chart.table.rows).toContainEqual(['Marie Curie', 'no data', '0', '']);
    expect(chart.table.rows.at(-1)).toEqual(['Mean of PMs', '60%', '', '']);
    expect(chart.label).toContain('4 project managers');
    // The text alternative says what the chart shows: the ends of the ranking and the mean.
    expect(chart.label).toContain('Best: Linus Pauling 93%, Ada Lovelace 86%.');
    expect(chart.label).toContain(`Worst: ${NASTY_NAME} 0%, Grace Hopper 60%.`);
    expect(chart.label).toContain('mean of PMs of 60%');
  });

  it('draws small-sample values hollow and the others filled in the PM colour', async () => {
    const chart = await kpiChart(managers, kpi('onTimeRate'));
    const nasty = pmColour('pm-nasty');
    const ada = pmColour('pm-ada');
    expect(chart.svg).toMatch(new RegExp(`fill="${ada.replace(/[()]/g, '\\$&')}"`));
    expect(chart.svg).not.toMatch(new RegExp(`fill="${nasty.replace(/[()]/g, '\\$&')}"`));
    expect(chart.svg).toMatch(new RegExp(`stroke="${nasty.replace(/[()]/g, '\\$&')}"`));
  });
});

describe('alignmentChart', () => {
  it('tables target and actual per theme plus unaligned work', async () => {
    const chart = await alignmentChart(snapshot.documents['alignment.json']);
    expect(chart.table.rows.map((r) => r[0])).toEqual([
      'Growth',
      'Reliability & uptime',
      'Security',
      'AI features',
      'Cost reduction',
      UNALIGNED_THEME,
    ]);
    expect(chart.table.rows.at(-1)).toEqual([UNALIGNED_THEME, '0%', '12%']);
    expect(chart.label).toContain('gap score 0.16');
    expect(chart.svg).toContain('Reliability &amp; uptime');
  });
});
