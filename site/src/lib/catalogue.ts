import type { ChartDef } from './charts.ts';
import { kpiChartDef, overallAlignmentDef } from './charts.ts';
import { mixChartDef, portfolioAlignmentDefs } from './alignment-charts.ts';
import { funnelChartDef, funnels } from './funnel-charts.ts';
import type { KpiDefinition } from '../../../functions/contract/documents.ts';
import { forecastChartDefs } from './forecast-charts.ts';
import { areasChartDef, trendsChartDef } from './pm-charts.ts';
import type { Manager } from './pm-charts.ts';
import type { Snapshot } from './snapshot.ts';

const present = (defs: (ChartDef | undefined)[]) => defs.filter((d): d is ChartDef => d !== undefined);

/**
 * Every chart of each page, by page: pages render these, the CSV route writes their tables. The
 * overview and the comparison draw none: they answer in tables and link to the KPI pages.
 */
export const pageCharts = {
  /** One page per KPI: its funnel plot (rates) and every PM's value against the mean of PMs. */
  kpi: (s: Snapshot, kpi: KpiDefinition) => {
    const doc = s.documents['managers.json'];
    const funnel = funnels(doc).find((f) => f.kpi.id === kpi.id);
    return present([funnel && funnelChartDef(doc, funnel), kpiChartDef(doc, kpi)]);
  },
  alignment: (s: Snapshot) => present([overallAlignmentDef(s.documents['alignment.json']), mixChartDef(s.documents['alignment.json']), ...portfolioAlignmentDefs(s.documents['alignment.json'])]),
  forecasts: (s: Snapshot) => forecastChartDefs(s.documents['forecasts.json']),
  pm: (s: Snapshot, pm: Manager) => present([areasChartDef(s.documents['managers.json'], pm), trendsChartDef(s.documents['managers.json'], pm)]),
};

/** All charts of the site, each id once (a chart shown on two pages has one CSV). */
export function siteCharts(s: Snapshot): ChartDef[] {
  const all = [
    ...s.documents['managers.json'].kpis.flatMap((k) => pageCharts.kpi(s, k)),
    ...pageCharts.alignment(s),
    ...pageCharts.forecasts(s),
    ...s.documents['managers.json'].managers.flatMap((pm) => pageCharts.pm(s, pm)),
  ];
  return [...new Map(all.map((d) => [d.id, d])).values()];
}
