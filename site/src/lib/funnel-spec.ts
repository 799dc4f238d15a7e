import type { TopLevelSpec } from 'vega-lite';
import type { FunnelLimitSchema, KpiDefinition } from '../../../functions/contract/documents.ts';
import type { z } from 'zod';
import type { LimitPosition } from './limits.ts';

export type FunnelLimit = z.infer<typeof FunnelLimitSchema>;

export interface FunnelPoint {
  pmId: string;
  label: string;
  n: number;
  value: number;
  /** Against the 95 % limits at this PM's n; 'within' when the snapshot carries no signal. */
  position: LimitPosition;
  /** Whether the point carries its name on the chart (every PM's name is in the table). */
  named: boolean;
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
 * Shape and colour say where a point lies (a triangle up above the limits, down below, a grey
 * circle within), so no reader has to tell 200 PM colours apart: names are written beside points.
 */
const positions: LimitPosition[] = ['above', 'within', 'below'];
const shapes = ['triangle-up', 'circle', 'triangle-down'];
const colours = ['#1f6fb2', '#7b818c', '#c2410c'];

/**
 * Rate against volume: a PM outside the dotted 99.8 % limits differs from the pooled rate by more
 * than chance, while a PM with few tasks sits in the wide mouth of the funnel, not at the bottom.
 */
export function funnelSpec(input: FunnelInput): TopLevelSpec {
  // The axes span the PMs, not the whole funnel: the limits at n = 1 run from 0 to 1 and would
  // squeeze every point into a corner. Lines are clipped at the edges.
  const ns = input.points.map((p) => p.n);
  const values = [...input.points.map((p) => p.value), input.target];
  const xDomain = ns.length > 0 ? [Math.max(1, Math.min(...ns) / 1.5), Math.max(...ns) * 1.5] : undefined;
  const yDomain = [Math.max(0, Math.min(...values) - 0.1), Math.min(1, Math.max(...values) + 0.1)];
  const x = { field: 'n', type: 'quantitative', scale: { type: 'log', nice: false, ...(xDomain ? { domain: xDomain } : {}) }, title: 'Sample size (n, log scale)' };
  const y = { type: 'quantitative', scale: { domain: yDomain, nice: false }, axis: { format: '.0%' }, title: input.kpi.name };
  const lines = limitLines.map((l) => ({
    data: { values: input.limits },
    mark: { type: 'line', strokeDash: l.dash, strokeWidth: 1, color: 'currentColor', opacity: 0.7, clip: true },
    encoding: { x, y: { ...y, field: l.field } },
  }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 560,
    height: 300,
    padding: 4,
    layer: [
      ...lines,
      // A layer without data of its own draws nothing: the pooled rate needs its one row.
      { data: { values: [{ target: input.target }] }, mark: { type: 'rule', color: 'currentColor', strokeWidth: 1.5 }, encoding: { y: { field: 'target', type: 'quantitative' } } },
      {
        data: { values: [{ target: input.target }] },
        // At the left, where the funnel is wide and PMs with enough items rarely sit.
        mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 4, dy: -3, fontSize: 11 },
        encoding: { x: { value: 0 }, y: { field: 'target', type: 'quantitative' }, text: { value: 'pooled rate' } },
      },
      {
        data: { values: input.points },
        layer: [
          {
            // Opaque and without a stroke (a filled point has none to draw): SVG's defaults, which
            // the page leaves unwritten, on each of up to hundreds of points drawn twice.
            mark: { type: 'point', filled: true, size: 70, opacity: 1, strokeWidth: 1, clip: true },
            encoding: {
              x,
              y: { ...y, field: 'value' },
              shape: { field: 'position', type: 'nominal', scale: { domain: positions, range: shapes }, legend: null },
              color: { field: 'position', type: 'nominal', scale: { domain: positions, range: colours }, legend: null },
            },
          },
          {
            transform: [{ filter: 'datum.named' }],
            mark: { type: 'text', align: 'left', dx: 7, fontSize: 11 },
            encoding: { x, y: { ...y, field: 'value' }, text: { field: 'label' } },
          },
        ],
      },
    ],
  } as TopLevelSpec;
}
