import type { TopLevelSpec } from 'vega-lite';
import type { DistributionWeek, ThroughputWeek } from './forecast-distribution.ts';

const COLOUR = '#4c78a8';
const LEVELS = [0.5, 0.85, 0.95].map((level) => ({ level, label: `${level * 100} %` }));

/**
 * The share of trials finished by each week's end, as a step curve, with bars for the share that
 * finished in that very week; dashed lines at 50, 85 and 95 %. Where the curve crosses a line is
 * that confidence's completion date.
 */
export function distributionSpec(weeks: DistributionWeek[]): TopLevelSpec {
  const x = { field: 'date', type: 'temporal', title: 'Week ending', axis: { format: '%d %b', labelAngle: -45 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 360,
    height: 160,
    padding: 4,
    layer: [
      { data: { values: weeks }, mark: { type: 'bar', color: COLOUR, opacity: 0.35 }, encoding: { x, y: { field: 'share', type: 'quantitative', title: 'Share of trials', axis: { format: '.0%' }, scale: { domain: [0, 1] } } } },
      { data: { values: weeks }, mark: { type: 'line', interpolate: 'step-after', color: COLOUR, point: true }, encoding: { x, y: { field: 'cumulative', type: 'quantitative' } } },
      { data: { values: LEVELS }, mark: { type: 'rule', strokeDash: [4, 3], opacity: 0.5 }, encoding: { y: { field: 'level', type: 'quantitative' } } },
    ],
  } as TopLevelSpec;
}

/** Items done per past week, oldest first, with a dashed line at the mean: what the trials drew from. */
export function throughputSpec(weeks: ThroughputWeek[]): TopLevelSpec {
  const mean = weeks.length ? weeks.reduce((sum, w) => sum + w.done, 0) / weeks.length : 0;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 360,
    height: 120,
    padding: 4,
    layer: [
      {
        data: { values: weeks },
        mark: { type: 'bar', color: COLOUR },
        encoding: {
          x: { field: 'weekEnding', type: 'ordinal', title: 'Week ending', axis: { labelAngle: -45 } },
          y: { field: 'done', type: 'quantitative', title: 'Items done', axis: { tickMinStep: 1 } },
        },
      },
      { data: { values: [{ mean }] }, mark: { type: 'rule', strokeDash: [4, 3] }, encoding: { y: { field: 'mean', type: 'quantitative' } } },
    ],
  } as TopLevelSpec;
}

const SERIES_COLOURS = ['#4c78a8', '#f58518', '#54a24b', '#b279a2', '#e45756', '#72b7b2', '#eeca3b', '#9d755d', '#ff9da6', '#79706e'];

/** Several cumulative completion curves on one chart (one per portfolio), with the 50/85/95 % lines. */
export function cumulativeCurvesSpec(rows: { series: string; date: string; cumulative: number }[], series: string[]): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 420,
    height: 200,
    padding: 4,
    layer: [
      {
        data: { values: rows },
        // No point marks: a dozen curves of dozens of weeks would weigh more than the rest of the page.
        mark: { type: 'line', interpolate: 'step-after' },
        encoding: {
          x: { field: 'date', type: 'temporal', title: 'Week ending', axis: { format: '%d %b %Y', labelAngle: -45 } },
          y: { field: 'cumulative', type: 'quantitative', title: 'Share of trials finished', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
          color: { field: 'series', type: 'nominal', scale: { domain: series, range: series.map((_, i) => SERIES_COLOURS[i % SERIES_COLOURS.length]!) }, legend: { orient: 'bottom', title: null, columns: 2, labelLimit: 200 } },
        },
      },
      { data: { values: LEVELS }, mark: { type: 'rule', strokeDash: [4, 3], opacity: 0.5 }, encoding: { y: { field: 'level', type: 'quantitative' } } },
    ],
  } as TopLevelSpec;
}
