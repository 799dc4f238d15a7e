import type { TopLevelSpec } from 'vega-lite';
import type { KpiDefinition } from '../../../functions/publish/documents.ts';
import { axisFormat, unitLabel } from './format.ts';
import { measureColours } from './palette.ts';

export interface TrendPoint {
  period: string;
  series: string;
  value: number;
}

export interface TrendPanel {
  kpi: KpiDefinition;
  points: TrendPoint[];
}

/** One small panel per KPI; its own y scale (units differ), one x scale of months for all. */
function panel(p: TrendPanel, periods: string[], series: string[], colours: string[]) {
  return {
    title: { text: p.kpi.name, anchor: 'start', fontSize: 12, color: 'currentColor' },
    width: 210,
    height: 110,
    data: { values: p.points },
    mark: { type: 'line', point: { size: 28 }, strokeWidth: 2 },
    encoding: {
      x: { field: 'period', type: 'ordinal', sort: periods, scale: { domain: periods }, title: null, axis: { labelAngle: -45, labelOverlap: true } },
      y: { field: 'value', type: 'quantitative', scale: { zero: p.kpi.unit === 'ratio' }, title: unitLabel[p.kpi.unit], axis: { format: axisFormat(p.kpi.unit), tickCount: 4 } },
      color: { field: 'series', type: 'nominal', scale: { domain: series, range: colours }, legend: { orient: 'top', title: null } },
      // Same field and legend settings as colour, so Vega-Lite merges them into one legend.
      strokeDash: { field: 'series', type: 'nominal', scale: { domain: series, range: [[1, 0], [4, 3]] }, legend: { orient: 'top', title: null } },
    },
  };
}

/**
 * Small multiples in one Vega view: one render per PM page instead of one per KPI,
 * which is what keeps a 200-PM build inside its time budget.
 */
export function trendsSpec(panels: TrendPanel[], pmSeries: string, pmColour: string, companySeries: string): TopLevelSpec {
  const periods = [...new Set(panels.flatMap((p) => p.points.map((pt) => pt.period)))].sort();
  const series = [pmSeries, companySeries];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    columns: 2,
    padding: 4,
    concat: panels.map((p) => panel(p, periods, series, [pmColour, measureColours.target])),
    resolve: { scale: { y: 'independent', color: 'shared', strokeDash: 'shared' } },
  } as TopLevelSpec;
}
