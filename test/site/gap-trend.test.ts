import { describe, expect, it } from 'vitest';
import type { AlignmentDoc } from '../../functions/contract/documents.ts';
import { portfolioGapTrendDef } from '../../site/src/lib/alignment-charts.ts';
import { renderChart } from '../../site/src/lib/charts.ts';
import { readSnapshot } from '../../site/src/lib/snapshot.ts';
import { fixtureDir } from './helpers.ts';

const snapshot = await readSnapshot(fixtureDir);
const base = snapshot.documents['alignment.json'];

/** The fixture's alignment with a monthly mix per portfolio: Platform improves, Growth & Payments has a month without hours. */
function withPortfolioMonths(): AlignmentDoc {
  const periods = (base.months ?? []).map((m) => m.period);
  const gaps: Record<string, (number | null)[]> = { Platform: [0.4, 0.3, 0.2, 0.1], 'Growth & Payments': [0.5, null, 0.45, 0.35] };
  return {
    ...base,
    portfolios: base.portfolios.map((p) => ({
      ...p,
      months: periods.map((period, i) => {
        const gap = gaps[p.name]?.[i] ?? null;
        return { period, totalHours: gap === null ? 0 : 100, unalignedHours: 0, gapScore: gap, themes: [] };
      }),
    })),
  };
}

describe('gap score by month, per portfolio', () => {
  it('draws a point per portfolio and month with hours, and tables every month', async () => {
    const def = portfolioGapTrendDef(withPortfolioMonths());
    expect(def).toBeDefined();
    // 4 months × 2 portfolios in the table; the month without hours says so and has no point.
    expect(def!.table.rows).toHaveLength(8);
    expect(def!.table.rows).toContainEqual([base.months![1]!.period, 'Growth & Payments', '0 h', 'no hours', '']); // a whole month: nothing in Partial
    const values = (def!.spec as { data: { values: { portfolio: string; gap: number }[] } }).data.values;
    expect(values.filter((v) => v.portfolio === 'Platform').map((v) => v.gap)).toEqual([0.4, 0.3, 0.2, 0.1]);
    expect(values.filter((v) => v.portfolio === 'Growth & Payments').map((v) => v.gap)).toEqual([0.5, 0.45, 0.35]);
    const chart = await renderChart(def!);
    expect(chart.svg).toContain('<svg');
  });

  it('is left out for a snapshot published before portfolios had months', () => {
    expect(portfolioGapTrendDef(base)).toBeUndefined();
  });
});
