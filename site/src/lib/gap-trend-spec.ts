import type { TopLevelSpec } from 'vega-lite';
import { partialAxisLabels } from './periods.ts';

export interface GapPoint {
  period: string;
  portfolio: string;
  gap: number;
}

const COLOURS = ['#4c78a8', '#f58518', '#54a24b', '#b279a2', '#e45756', '#72b7b2', '#eeca3b', '#9d755d', '#ff9da6', '#79706e'];

/**
 * The alignment gap of each portfolio month by month: lines falling toward 0 are portfolios
 * moving toward the mix leadership set. Months without hours have no point (no mix to judge).
 */
export function gapTrendSpec(points: GapPoint[], portfolios: string[], periods: string[], partialPeriods: readonly string[] = []): TopLevelSpec {
  const labelExpr = partialAxisLabels(partialPeriods);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 460,
    height: 240,
    padding: 4,
    data: { values: points },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'period', type: 'ordinal', sort: periods, scale: { domain: periods }, title: null, axis: { labelAngle: -45, ...(labelExpr ? { labelExpr } : {}) } },
      y: { field: 'gap', type: 'quantitative', scale: { domain: [0, 1] }, title: 'Gap score (0 = on target)' },
      color: {
        field: 'portfolio',
        type: 'nominal',
        scale: { domain: portfolios, range: portfolios.map((_, i) => COLOURS[i % COLOURS.length]!) },
        legend: { orient: 'right', title: null, labelLimit: 220 },
      },
    },
  } as TopLevelSpec;
}
