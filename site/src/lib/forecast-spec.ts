import type { TopLevelSpec } from 'vega-lite';

export interface ForecastRow {
  project: string;
  p50: string;
  p85: string;
  p95: string;
  due: string | null;
}

/**
 * One row per project: a bar from the 50 % to the 95 % completion date, a tick at 85 %, and a
 * diamond at the due date. A diamond left of the bar is a project that will very likely be late.
 */
export function forecastRangeSpec(rows: ForecastRow[], colour: string): TopLevelSpec {
  const order = rows.map((r) => r.project);
  const y = { field: 'project', type: 'nominal', sort: order, title: null };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 420,
    height: { step: 22 },
    padding: 4,
    data: { values: rows },
    layer: [
      { mark: { type: 'bar', height: 10, color: colour, opacity: 0.55 }, encoding: { y, x: { field: 'p50', type: 'temporal', title: 'Completion date (50 % to 95 % confidence)' }, x2: { field: 'p95' } } },
      { mark: { type: 'tick', thickness: 2, size: 14, color: colour }, encoding: { y, x: { field: 'p85', type: 'temporal' } } },
      {
        transform: [{ filter: 'datum.due != null' }],
        mark: { type: 'point', shape: 'diamond', filled: true, size: 70, color: '#d62728' },
        encoding: { y, x: { field: 'due', type: 'temporal' } },
      },
    ],
  } as TopLevelSpec;
}
