import type { TopLevelSpec } from 'vega-lite';
import type { FunnelLimitSchema, KpiDefinition } from '../../../functions/contract/documents.ts';
import type { z } from 'zod';
import { pmColourScale } from './palette.ts';

export type FunnelLimit = z.infer<typeof FunnelLimitSchema>;

export interface FunnelPoint {
  pmId: string;
  label: string;
  n: number;
  value: number;
}

export interface FunnelInput {
  kpi: KpiDefinition;
  points: FunnelPoint[];
  target: number;
  limits: FunnelLimit[];
}

const limitLines = [
  { field: 'lower95', dash: [4, 3] },
  { field: 'upper95', dash: [4, 3] },
  { field: 'lower998', dash: [1, 2] },
  { field: 'upper998', dash: [1, 2] },
];

/**
 * Rate against volume: a PM outside the dotted 99.8 % limits differs from the mean by more
 * than chance, while a PM with few tasks sits in the wide mouth of the funnel, not at the bottom.
 */
export function funnelSpec(input: FunnelInput): TopLevelSpec {
  const x = { field: 'n', type: 'quantitative', scale: { type: 'log', nice: false }, title: 'Sample size (n, log scale)' };
  const y = { type: 'quantitative', scale: { domain: [0, 1] }, axis: { format: '.0%' }, title: input.kpi.name };
  const lines = limitLines.map((l) => ({
    data: { values: input.limits },
    mark: { type: 'line', strokeDash: l.dash, strokeWidth: 1, color: 'currentColor', opacity: 0.7, clip: true },
    encoding: { x, y: { ...y, field: l.field } },
  }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 460,
    height: 260,
    padding: 4,
    layer: [
      ...lines,
      { mark: { type: 'rule', color: 'currentColor', strokeWidth: 1.5 }, encoding: { y: { datum: input.target, type: 'quantitative' } } },
      {
        data: { values: input.points },
        mark: { type: 'point', filled: true, size: 70, opacity: 0.9 },
        encoding: { x, y: { ...y, field: 'value' }, color: { field: 'pmId', type: 'nominal', scale: pmColourScale(input.points.map((p) => p.pmId)), legend: null } },
      },
    ],
  } as TopLevelSpec;
}
