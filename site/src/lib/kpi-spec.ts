import type { TopLevelSpec } from 'vega-lite';
import type { KpiDefinition } from '../../../functions/contract/documents.ts';
import { axisFormat, unitLabel } from './format.ts';
import { pmColourScale } from './palette.ts';
import type { Domain } from './scales.ts';

/** One row of a KPI chart; value null means the PM has a row but no point. */
export interface KpiPoint {
  pmId: string;
  label: string;
  value: number | null;
  n: number;
  smallSample: boolean;
}

export interface KpiSpecInput {
  kpi: KpiDefinition;
  points: KpiPoint[];
  mean: number | null;
  domain: Domain;
}

/** Filled points rest on enough data; hollow ones on a small sample. */
function pointLayer(input: KpiSpecInput, smallSample: boolean) {
  const labels = input.points.map((p) => p.label);
  return {
    transform: [{ filter: `isValid(datum.value) && datum.smallSample === ${smallSample}` }],
    mark: { type: 'point', filled: !smallSample, size: 110, strokeWidth: 2, opacity: 1 },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: labels, scale: { domain: labels }, title: null },
      x: {
        field: 'value',
        type: 'quantitative',
        scale: { domain: input.domain, nice: true, zero: false },
        title: `${input.kpi.name} (${unitLabel[input.kpi.unit]})`,
        axis: { format: axisFormat(input.kpi.unit), tickCount: 6 },
      },
      color: { field: 'pmId', type: 'nominal', scale: pmColourScale(input.points.map((p) => p.pmId)), legend: null },
    },
  } as const;
}

/** One row of its own: a layer that inherits the PMs' data draws its rule and label once per PM, one over the other. */
function meanLayers(mean: number) {
  const once = { values: [{}] };
  return [
    { data: once, mark: { type: 'rule', strokeDash: [4, 3], strokeWidth: 1.5 }, encoding: { x: { datum: mean } } },
    {
      data: once,
      mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 4, dy: -2, fontSize: 11 },
      encoding: { x: { datum: mean }, y: { value: 0 }, text: { value: 'mean of PMs' } },
    },
  ] as const;
}

/** Each PM's value of one KPI as a dot per PM row, with a dashed rule at the company mean (the mean of the PMs' values). */
export function kpiSpec(input: KpiSpecInput): TopLevelSpec {
  const layers = [...(input.mean === null ? [] : meanLayers(input.mean)), pointLayer(input, false), pointLayer(input, true)];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 480,
    height: { step: 26 },
    padding: { top: 16, left: 4, right: 12, bottom: 4 },
    data: { values: input.points },
    layer: layers,
  } as TopLevelSpec;
}
