import type { Forecast } from '../../../functions/contract/forecasts-document.ts';
import type { ChartDef } from './charts.ts';
import { forecastLink } from './forecast-charts.ts';
import { distributionWeeks, throughputWeeks } from './forecast-distribution.ts';
import { distributionSpec, throughputSpec } from './forecast-distribution-spec.ts';
import { formatShare } from './format.ts';

/**
 * A forecast's distribution and the throughput history behind it, as charts. `idBase` is unique
 * across the site and names the CSV (`data/<idBase>-….csv`); `subject` names what is forecast.
 */
export function distributionChartDef(idBase: string, subject: string, forecast: Forecast): ChartDef | undefined {
  if (forecast.status !== 'ok' || forecast.distribution.length === 0) return undefined;
  const weeks = distributionWeeks(forecast);
  return {
    id: `${idBase}-distribution`,
    caption: `${subject}: when the open work finishes, in ${weeks.length} weeks of trials`,
    note: 'Line: share of trials finished by the end of each week; bars: share finishing in that week. Dashed: 50, 85 and 95 %. The curve stops once 99 % of trials are done.',
    label: `Cumulative completion curve for ${subject}: 50 % of trials finish by ${forecast.p50 ?? 'no date'}, 85 % by ${forecast.p85 ?? 'no date'}, 95 % by ${forecast.p95 ?? 'no date'}`,
    table: { columns: ['Week ending', 'Finish that week', 'Finished by then'], rows: weeks.map((w) => [w.date, formatShare(w.share), formatShare(w.cumulative)]) },
    numeric: [1, 2],
    definitions: [forecastLink],
    spec: distributionSpec(weeks),
  };
}

export function throughputChartDef(idBase: string, subject: string, forecast: Forecast, asOf: string, rollup = false): ChartDef | undefined {
  if (forecast.weeklyThroughput.length === 0) return undefined;
  const weeks = throughputWeeks(forecast, asOf);
  const total = weeks.reduce((sum, w) => sum + w.done, 0);
  return {
    id: `${idBase}-throughput`,
    caption: `${subject}: items done per week, the last ${weeks.length} weeks`,
    note: rollup
      ? 'The sum of its projects\u2019 weeks, for reference: each project\u2019s trials draw from its own weeks. Dashed: the mean.'
      : 'The weeks each trial draws from at random, one per simulated week. Dashed: the mean.',
    label: `Weekly throughput of ${subject} over ${weeks.length} weeks: ${total} items done, ${(total / weeks.length).toFixed(1)} a week on average`,
    table: { columns: ['Week ending', 'Items done'], rows: weeks.map((w) => [w.weekEnding, String(w.done)]) },
    numeric: [1],
    definitions: [forecastLink],
    spec: throughputSpec(weeks),
  };
}
