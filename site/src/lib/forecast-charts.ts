import type { Forecast, ForecastsDoc } from '../../../functions/contract/forecasts-document.ts';
import type { ChartDef, ChartTable, DefinitionLink } from './charts.ts';
import { formatShare } from './format.ts';
import { forecastRangeSpec } from './forecast-spec.ts';
import { slug } from './slug.ts';
import { riskiestFinding } from './chart-findings.ts';

export const forecastLink: DefinitionLink = { anchor: 'forecast', name: 'completion forecast' };
const BAR_COLOUR = '#4c78a8';

/** Riskiest first: lowest chance to meet the due date, then latest 85 % date. */
export function byRisk(a: Forecast, b: Forecast): number {
  const chance = (f: Forecast) => (f.status === 'ok' ? (f.probabilityByDue ?? 2) : 3);
  return chance(a) - chance(b) || (b.p85 ?? '').localeCompare(a.p85 ?? '') || a.name.localeCompare(b.name, 'en');
}

/** What the table says of one forecast, the same words in the page and the CSV. */
export function forecastCells(f: Forecast): string[] {
  const chance = f.probabilityByDue === null ? (f.dueOn ? 'no forecast' : 'no due date') : formatShare(f.probabilityByDue);
  // An `ok` roll-up carries a reason only when it leaves out projects too thin to forecast.
  const status = f.status === 'ok' ? (f.reason ?? '') : f.status === 'done' ? 'all done' : (f.reason ?? 'too little history');
  // In story points (kpi.unit), the open points and, apart, the open tasks without points.
  const open = f.unpointedOpen === undefined ? String(f.remaining) : `${f.remaining} points + ${f.unpointedOpen} unpointed`;
  return [f.name, open, f.p50 ?? '–', f.p85 ?? '–', f.p95 ?? '–', f.dueOn ?? '–', chance, status];
}

export const forecastColumns = ['Project', 'Open items', '50 %', '85 %', '95 %', 'Due', 'Chance by due', 'Note'];

export function forecastTable(forecasts: readonly Forecast[]): ChartTable {
  return { columns: forecastColumns, rows: [...forecasts].sort(byRisk).map(forecastCells) };
}

/** One range chart per portfolio, of its projects that have a forecast. */
export function forecastChartDefs(doc: ForecastsDoc): ChartDef[] {
  const portfolios = new Map<string, Forecast[]>();
  for (const project of doc.projects) {
    const name = project.portfolio ?? '(none)';
    portfolios.set(name, [...(portfolios.get(name) ?? []), project]);
  }
  return [...portfolios]
    .sort(([a], [b]) => a.localeCompare(b, 'en'))
    .flatMap(([portfolio, projects]) => {
      const ok = projects.filter((p) => p.status === 'ok').sort(byRisk);
      if (ok.length === 0) return [];
      return [{
        id: `forecast-${slug(portfolio)}`,
        caption: `${portfolio}: when open work finishes`,
        note: 'Bar: 50 % to 95 % confidence; tick: 85 %; red diamond: due date. Riskiest first.',
        label: `Completion forecast for ${ok.length} projects of ${portfolio}, with due dates; ${riskiestFinding(ok)}`,
        table: forecastTable(ok),
        numeric: [1],
        definitions: [forecastLink],
        spec: forecastRangeSpec(ok.map((p) => ({ project: p.name, p50: p.p50!, p85: p.p85!, p95: p.p95!, due: p.dueOn })), BAR_COLOUR),
      }];
    });
}
