import type { TopLevelSpec } from 'vega-lite';
import { measureColours } from './palette.ts';

/** One theme (or "Unaligned") with its target and actual share of hours. */
export interface AlignmentRow {
  theme: string;
  target: number;
  actual: number;
}

const measures = ['Target', 'Actual'];

/** Target and actual share side by side per theme; shares of all hours, so the axis is 0–100 %. */
export function alignmentSpec(rows: AlignmentRow[]): TopLevelSpec {
  const values = rows.flatMap((row) => [
    { theme: row.theme, measure: 'Target', share: row.target },
    { theme: row.theme, measure: 'Actual', share: row.actual },
  ]);
  const top = Math.max(0.5, ...values.map((v) => v.share));
  const themes = rows.map((row) => row.theme);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 480,
    height: { step: 34 },
    padding: { top: 4, left: 4, right: 12, bottom: 4 },
    data: { values },
    encoding: {
      y: { field: 'theme', type: 'nominal', sort: themes, scale: { domain: themes }, title: null },
      yOffset: { field: 'measure', sort: measures, scale: { domain: measures } },
      x: {
        field: 'share',
        type: 'quantitative',
        scale: { domain: [0, Math.min(1, top)], nice: true },
        title: 'Share of hours',
        axis: { format: '.0%', tickCount: 5 },
      },
    },
    layer: [
      {
        mark: { type: 'bar', height: { band: 1 } },
        encoding: {
          color: {
            field: 'measure',
            type: 'nominal',
            scale: { domain: measures, range: [measureColours.target, measureColours.actual] },
            legend: { orient: 'top', title: null },
          },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 3, fontSize: 11 },
        encoding: { text: { field: 'share', type: 'quantitative', format: '.0%' } },
      },
    ],
  } as TopLevelSpec;
}
