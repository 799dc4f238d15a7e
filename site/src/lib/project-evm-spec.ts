import type { TopLevelSpec } from 'vega-lite';
import { partialAxisLabels } from './periods.ts';

export interface EvmPoint {
  period: string;
  measure: string;
  hours: number;
}

/** Planned value grey, earned value blue, actual cost red; each line also has its own dash, so colour is never the only cue. */
const MEASURES = [
  { name: 'Planned value (PV)', colour: '#6b7079', dash: [6, 3] },
  { name: 'Earned value (EV)', colour: '#2f6fdf', dash: [1, 0] },
  { name: 'Actual cost (AC)', colour: '#c4342d', dash: [2, 2] },
] as const;

export const EVM_MEASURES = MEASURES.map((m) => m.name);

/** PV, EV and AC of one project at each month end, in hours: EV under PV is behind plan, AC over EV is over cost. */
export function projectEvmSpec(points: EvmPoint[], periods: string[], partialPeriods: readonly string[], measures: readonly string[]): TopLevelSpec {
  const used = MEASURES.filter((m) => measures.includes(m.name));
  const labelExpr = partialAxisLabels(partialPeriods);
  const legend = { orient: 'bottom', title: null, labelLimit: 220 } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    // Drawn once, at a phone's width (vega-svg.ts NARROW_WIDTH, the whole drawing included): a
    // second, wide drawing on each of a thousand project pages would cost build time and bytes.
    width: 320,
    height: 200,
    autosize: { type: 'fit-x', contains: 'padding' },
    padding: 4,
    data: { values: points },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'period', type: 'ordinal', sort: periods, scale: { domain: periods }, title: null, axis: { labelAngle: -45, ...(labelExpr ? { labelExpr } : {}) } },
      y: { field: 'hours', type: 'quantitative', title: 'Hours', scale: { zero: true } },
      // One legend for both: each entry shows its line's colour and dash.
      color: { field: 'measure', type: 'nominal', scale: { domain: used.map((m) => m.name), range: used.map((m) => m.colour) }, legend },
      strokeDash: { field: 'measure', type: 'nominal', scale: { domain: used.map((m) => m.name), range: used.map((m) => [...m.dash]) }, legend },
    },
  } as TopLevelSpec;
}
