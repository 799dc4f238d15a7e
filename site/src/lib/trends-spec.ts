import type { TopLevelSpec } from 'vega-lite';
import type { KpiDefinition } from '../../../functions/contract/documents.ts';
import { axisFormat, unitLabel } from './format.ts';
import { measureColours } from './palette.ts';
import { partialAxisLabels } from './periods.ts';

export interface TrendPoint {
  period: string;
  series: string;
  value: number;
  /** The as-of month when it stops before its last day: drawn hollow, never read as a whole month. */
  partial: boolean;
}

export interface TrendPanel {
  kpi: KpiDefinition;
  points: TrendPoint[];
}

/**
 * Whole months as filled points, the partial month hollow, each in its series' colour taken as is
 * from the datum: stroke and fill rather than colour, so the line layer's legend stays the only one.
 */
function pointLayer(partial: boolean, x: object, y: object) {
  const own = { field: 'colour', type: 'nominal', scale: null, legend: null };
  return {
    transform: [{ filter: `datum.partial === ${partial}` }],
    mark: { type: 'point', filled: !partial, size: partial ? 44 : 28, strokeWidth: 2, opacity: 1 },
    encoding: { x, y, stroke: own, ...(partial ? {} : { fill: own }) },
  };
}

/** "partial" written above the plot over each partial month: axis labels may be thinned out, this is not. */
function partialLabelLayer(partialPeriods: string[], x: object) {
  return {
    data: { values: partialPeriods.map((period) => ({ period })) },
    mark: { type: 'text', text: 'partial', align: 'right', baseline: 'bottom', dx: 6, dy: -2, fontSize: 10, fontStyle: 'italic', color: 'currentColor' },
    encoding: { x, y: { value: 0 } },
  };
}

/** One small panel per KPI; its own y scale (units differ), one x scale of months for all. */
function panel(p: TrendPanel, periods: string[], partialPeriods: string[], series: string[], colours: string[]) {
  const labelExpr = partialAxisLabels(partialPeriods); // may be thinned out with the other labels: the text layer stays
  const x = { field: 'period', type: 'ordinal', sort: periods, scale: { domain: periods }, title: null, axis: { labelAngle: -45, labelOverlap: true, ...(labelExpr ? { labelExpr } : {}) } };
  const y = { field: 'value', type: 'quantitative', scale: { zero: p.kpi.unit === 'ratio' }, title: unitLabel[p.kpi.unit], axis: { format: axisFormat(p.kpi.unit), tickCount: 4 } };
  const color = { field: 'series', type: 'nominal', scale: { domain: series, range: colours }, legend: { orient: 'top', title: null } };
  return {
    title: { text: p.kpi.name, anchor: 'start', fontSize: 12, color: 'currentColor' },
    width: 210,
    height: 110,
    data: { values: p.points.map((pt) => ({ ...pt, colour: colours[series.indexOf(pt.series)] })) },
    layer: [
      {
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          x,
          y,
          color,
          // Same field and legend settings as colour, so Vega-Lite merges them into one legend.
          strokeDash: { field: 'series', type: 'nominal', scale: { domain: series, range: [[1, 0], [4, 3]] }, legend: { orient: 'top', title: null } },
        },
      },
      pointLayer(false, x, y),
      pointLayer(true, x, y),
      ...(partialPeriods.length > 0 ? [partialLabelLayer(partialPeriods, x)] : []),
    ],
  };
}

/**
 * Small multiples in one Vega view: one render per PM page instead of one per KPI,
 * which is what keeps a 200-PM build inside its time budget.
 */
export function trendsSpec(panels: TrendPanel[], pmSeries: string, pmColour: string, companySeries: string): TopLevelSpec {
  const points = panels.flatMap((p) => p.points);
  const periods = [...new Set(points.map((pt) => pt.period))].sort();
  const partialPeriods = [...new Set(points.filter((pt) => pt.partial).map((pt) => pt.period))].sort();
  const series = [pmSeries, companySeries];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    columns: 2,
    padding: 4,
    concat: panels.map((p) => panel(p, periods, partialPeriods, series, [pmColour, measureColours.target])),
    resolve: { scale: { y: 'independent', color: 'shared', strokeDash: 'shared' } },
  } as TopLevelSpec;
}
