import type { Forecast, ForecastsDoc } from '../../../functions/contract/forecasts-document.ts';
import type { ChartDef, ChartTable } from './charts.ts';
import { byRisk, forecastLink, forecastTable } from './forecast-charts.ts';
import { cumulativeCurvesSpec } from './forecast-distribution-spec.ts';
import { forecastRangeSpec } from './forecast-spec.ts';
import { formatShare } from './format.ts';
import { riskiestFinding } from './chart-findings.ts';

/** A page stays small at any scale: a range chart shows at most this many projects, the riskiest. */
export const RISKIEST_SHOWN = 20;

/** The riskiest projects of a list as a range chart (50–95 % bar, 85 % tick, due diamond); undefined when none has a forecast. */
export function riskiestRangeDef(id: string, subject: string, projects: readonly Forecast[]): ChartDef | undefined {
  const ok = projects.filter((p) => p.status === 'ok' && p.p50 && p.p85 && p.p95).sort(byRisk);
  if (ok.length === 0) return undefined;
  const shown = ok.slice(0, RISKIEST_SHOWN);
  const more = ok.length - shown.length;
  return {
    id,
    caption: `${subject}: when open work finishes, riskiest ${shown.length === ok.length ? 'first' : `${shown.length} of ${ok.length} projects`}`,
    note: `Bar: 50 % to 95 % confidence; tick: 85 %; red diamond: due date. Riskiest first (lowest chance to meet the due date).${more > 0 ? ` ${more} more projects with a forecast are on their own pages.` : ''}`,
    label: `Completion forecast for the ${shown.length} riskiest projects of ${subject}, with due dates; ${riskiestFinding(shown)}`,
    table: forecastTable(shown),
    numeric: [1],
    definitions: [forecastLink],
    spec: forecastRangeSpec(shown.map((p) => ({ project: p.name, p50: p.p50!, p85: p.p85!, p95: p.p95!, due: p.dueOn })), '#4c78a8'),
  };
}

/** Every portfolio's cumulative completion curve on one chart: which finishes when, and how sure. */
export function portfolioCurvesDef(doc: ForecastsDoc): ChartDef | undefined {
  const ok = doc.portfolios.filter((p) => p.status === 'ok' && p.distribution.length > 0);
  if (ok.length === 0) return undefined;
  const rows = ok.flatMap((p) => p.distribution.map((d) => ({ series: p.name, date: d.date, cumulative: d.cumulative })));
  return {
    id: 'forecasts/portfolio-curves',
    caption: 'Portfolios: share of trials finished by each week',
    note: 'One curve per portfolio; where it crosses a dashed line (50, 85, 95 %) is that confidence\u2019s completion date. A steep curve is a sure date, a long one an uncertain date. In the table, an empty cell: that curve ended once 99 % of trials were done.',
    label: `Cumulative completion curves of ${ok.length} portfolios: ${ok.map((p) => `${p.name} 85 % by ${p.p85 ?? 'no date'}`).join('; ')}`,
    table: curvesTable(ok),
    numeric: ok.map((_, i) => i + 1),
    definitions: [forecastLink],
    spec: cumulativeCurvesSpec(rows, ok.map((p) => p.name)),
  };
}

/** One row per week, one column per portfolio: a dozen curves as a long list would outweigh the page. */
function curvesTable(portfolios: readonly Forecast[]): ChartTable {
  const dates = [...new Set(portfolios.flatMap((p) => p.distribution.map((d) => d.date)))].sort();
  const byDate = portfolios.map((p) => new Map(p.distribution.map((d) => [d.date, d.cumulative])));
  return {
    columns: ['Week ending', ...portfolios.map((p) => p.name)],
    rows: dates.map((date) => [date, ...byDate.map((curve) => { const c = curve.get(date); return c === undefined ? '' : formatShare(c); })]),
  };
}
