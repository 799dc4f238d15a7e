import type { TopLevelSpec } from 'vega-lite';
import { measureColours } from './palette.ts';

export interface AreaRow {
  area: string;
  series: string;
  score: number | null;
}

export interface AreasSpecInput {
  rows: AreaRow[];
  /** The PM's series name and colour; the company average is always grey. */
  pmSeries: string;
  pmColour: string;
}

export const COMPANY_SERIES = 'Company average';

/**
 * Grouped bars rather than a radar: lengths on one straight axis are read far more
 * accurately than radii, and a missing area leaves a gap instead of bending a polygon.
 */
export function areasSpec(input: AreasSpecInput): TopLevelSpec {
  const areas = [...new Set(input.rows.map((r) => r.area))];
  const series = [input.pmSeries, COMPANY_SERIES];
  const top = Math.max(150, ...input.rows.map((r) => r.score ?? 0));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 460,
    height: { step: 30 },
    padding: { top: 4, left: 4, right: 12, bottom: 4 },
    data: { values: input.rows.filter((r) => r.score !== null) },
    // The grey company bar is the reference at 100; a rule on top would only repeat it.
    mark: { type: 'bar', height: { band: 1 } },
    encoding: {
      y: { field: 'area', type: 'nominal', sort: areas, scale: { domain: areas }, title: null },
      yOffset: { field: 'series', sort: series, scale: { domain: series } },
      x: { field: 'score', type: 'quantitative', scale: { domain: [0, top], nice: true }, title: 'Score (100 = company average)' },
      color: { field: 'series', type: 'nominal', scale: { domain: series, range: [input.pmColour, measureColours.target] }, legend: { orient: 'top', title: null } },
    },
  } as TopLevelSpec;
}
