import type { TopLevelSpec } from 'vega-lite';
import { partialAxisLabels } from './periods.ts';

export interface MixRow {
  period: string;
  theme: string;
  hours: number;
}

/** Unaligned work in grey so the eye reads it as "not on any theme". */
const UNALIGNED_COLOUR = '#8a8f98';
const THEME_COLOURS = ['#4c78a8', '#f58518', '#54a24b', '#b279a2', '#e45756', '#72b7b2', '#eeca3b', '#9d755d', '#ff9da6', '#79706e'];

/** Share of hours per theme per month, stacked to 100 %: the mix, not the volume. */
export function mixSpec(rows: MixRow[], themes: string[], unaligned: string, partialPeriods: readonly string[] = []): TopLevelSpec {
  const labelExpr = partialAxisLabels(partialPeriods);
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const domain = [...themes, unaligned];
  const range = [...themes.map((_, i) => THEME_COLOURS[i % THEME_COLOURS.length]!), UNALIGNED_COLOUR];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 460,
    height: 240,
    padding: 4,
    // Stack order computed here, not in a Vega expression: theme names never become code.
    data: { values: rows.map((r) => ({ ...r, order: domain.indexOf(r.theme) })) },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'period', type: 'ordinal', sort: periods, title: null, axis: { labelAngle: -45, ...(labelExpr ? { labelExpr } : {}) } },
      y: { field: 'hours', type: 'quantitative', stack: 'normalize', title: 'Share of hours', axis: { format: '.0%' } },
      color: { field: 'theme', type: 'nominal', scale: { domain, range }, legend: { orient: 'right', title: null, labelLimit: 220 } },
      order: { field: 'order', type: 'quantitative' },
    },
  } as TopLevelSpec;
}
