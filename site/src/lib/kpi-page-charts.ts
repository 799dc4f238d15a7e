// A KPI page's charts, lightened for a large company: the ranking above the charts already lists
// every PM's value, so past INLINE_ROWS_UP_TO PMs the dot plot draws the best and worst ten, the
// funnel names only its ends, and both data tables are left to their CSV files (complete, from
// the catalogue's definitions, not from these).
import type { KpiDefinition, ManagersDoc } from '../../../functions/contract/documents.ts';
import type { ChartDef } from './charts.ts';
import { kpiChartDef } from './charts.ts';
import { funnelChartDef, funnels } from './funnel-charts.ts';
import type { Funnel } from './funnel-charts.ts';
import { kpiSpec } from './kpi-spec.ts';
import type { KpiPoint } from './kpi-spec.ts';
import { INLINE_ROWS_UP_TO, tableInCsv } from './page-weight.ts';
import { valueDomains } from './scales.ts';

/** The dot plot of a large company: this many PMs at each end. */
export const DOT_PLOT_ENDS = 10;
/** The funnel of a large company: names beside this many points at each end. */
export const FUNNEL_NAMED_ENDS = 3;

export interface PageChart {
  def: ChartDef;
  /** Set when the inline table is left to the CSV: the sentence that says where the rows are. */
  tableAsLink?: string;
}

const RANKING = 'every PM\'s value is in the ranking above';

/** Hundreds of names beside hundreds of points overlap into noise: the ends only, every name stays in the ranking. */
function lighterFunnel(f: Funnel): Funnel {
  const last = f.points.length - FUNNEL_NAMED_ENDS;
  return { ...f, points: f.points.map((p, i) => ({ ...p, named: i < FUNNEL_NAMED_ENDS || i >= last })) };
}

/** The dot plot's points as the full chart orders them: best first, PMs without a value last. */
function dotPoints(def: ChartDef): KpiPoint[] {
  const data = (def.spec as { data?: { values?: unknown } }).data?.values;
  if (!Array.isArray(data)) throw new Error(`chart ${def.id} has no inline points`);
  return data as KpiPoint[];
}

function lighterDotPlot(doc: ManagersDoc, kpi: KpiDefinition, def: ChartDef): ChartDef {
  const plotted = dotPoints(def).filter((p) => p.value !== null);
  if (plotted.length <= 2 * DOT_PLOT_ENDS) return def;
  const between = plotted.length - 2 * DOT_PLOT_ENDS;
  // A row with no point, counting the PMs left out, so the two ends do not read as neighbours;
  // short, as an axis label longer than the others would squeeze the phone drawing.
  const gap: KpiPoint = { pmId: '', label: `… ${between} more PMs`, value: null, n: 0, smallSample: false };
  const points = [...plotted.slice(0, DOT_PLOT_ENDS), gap, ...plotted.slice(-DOT_PLOT_ENDS)];
  return {
    ...def,
    note: `${def.note ?? ''} Drawn: the best ${DOT_PLOT_ENDS} and the worst ${DOT_PLOT_ENDS} of ${plotted.length} PMs; the ranking above lists them all.`.trim(),
    spec: kpiSpec({ kpi, points, mean: doc.company[kpi.id]?.mean ?? null, domain: valueDomains(doc).get(kpi.unit) ?? [0, 1] }),
  };
}

/** The funnel plot (a rate KPI the snapshot can draw one for) and the dot plot, as the KPI page shows them. */
export function kpiPageCharts(doc: ManagersDoc, kpi: KpiDefinition): PageChart[] {
  const funnel = funnels(doc).find((f) => f.kpi.id === kpi.id);
  const dots = kpiChartDef(doc, kpi);
  if (doc.managers.length <= INLINE_ROWS_UP_TO) return [...(funnel ? [{ def: funnelChartDef(doc, funnel) }] : []), { def: dots }];
  const asLink = (def: ChartDef): PageChart => ({ def, tableAsLink: tableInCsv(def.table.rows.length, RANKING) });
  return [...(funnel ? [asLink(funnelChartDef(doc, lighterFunnel(funnel)))] : []), asLink(lighterDotPlot(doc, kpi, dots))];
}
