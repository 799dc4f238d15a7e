import type { AlignmentDoc, KpiDefinition, ManagersDoc } from '../../../functions/publish/documents.ts';
import { alignmentSpec } from './alignment-spec.ts';
import type { AlignmentRow } from './alignment-spec.ts';
import { formatScore, formatShare, formatValue } from './format.ts';
import { kpiSpec } from './kpi-spec.ts';
import type { KpiPoint } from './kpi-spec.ts';
import { pmLabels, pmOrder, valueDomains } from './scales.ts';
import { toSvg } from './vega-svg.ts';

/** The fallback table holds exactly the values the chart draws, as text. */
export interface ChartTable {
  columns: string[];
  rows: string[][];
}

/** A chart rendered at build time: the SVG, its accessible name and its data table. */
export interface Chart {
  svg: string;
  label: string;
  table: ChartTable;
}

export const UNALIGNED_THEME = 'Unaligned';

function kpiPoints(doc: ManagersDoc, kpiId: string): KpiPoint[] {
  const labels = pmLabels(doc);
  return pmOrder(doc).map((pm) => {
    const v = pm.values[kpiId];
    return { pmId: pm.id, label: labels.get(pm.id) ?? pm.name, value: v?.value ?? null, n: v?.n ?? 0, smallSample: v?.smallSample ?? false };
  });
}

function kpiTable(kpi: KpiDefinition, points: KpiPoint[], mean: number | null): ChartTable {
  const rows = points.map((p) => [
    p.label,
    formatValue(p.value, kpi.unit),
    String(p.n),
    p.value === null ? '' : p.smallSample ? 'small sample' : '',
  ]);
  rows.push(['Company mean', formatValue(mean, kpi.unit), '', '']);
  return { columns: ['Project manager', kpi.name, 'n', 'Note'], rows };
}

/** Every PM's value of one KPI against the company mean, on the x scale shared by its unit. */
export async function kpiChart(doc: ManagersDoc, kpi: KpiDefinition): Promise<Chart> {
  const points = kpiPoints(doc, kpi.id);
  const mean = doc.company[kpi.id]?.mean ?? null;
  const domain = valueDomains(doc).get(kpi.unit) ?? [0, 1];
  const svg = await toSvg(kpiSpec({ kpi, points, mean, domain }));
  const plotted = points.filter((p) => p.value !== null).length;
  const label = `${kpi.name}: ${plotted} project managers compared with the company mean of ${formatValue(mean, kpi.unit)}`;
  return { svg, label, table: kpiTable(kpi, points, mean) };
}

function alignmentRows(doc: AlignmentDoc): AlignmentRow[] {
  const rows = doc.themes.map((t) => ({ theme: t.name, target: t.target, actual: t.actual }));
  // Unaligned work has no target: any of it is a gap.
  rows.push({ theme: UNALIGNED_THEME, target: 0, actual: doc.unalignedShare });
  return rows;
}

/** Target against actual share of hours per strategic theme, plus unaligned hours. */
export async function alignmentChart(doc: AlignmentDoc): Promise<Chart> {
  const rows = alignmentRows(doc);
  const svg = await toSvg(alignmentSpec(rows));
  const label = `Share of hours per strategic theme, target against actual, for ${rows.length - 1} themes and unaligned work; gap score ${formatScore(doc.gapScore)}`;
  const table = {
    columns: ['Theme', 'Target share', 'Actual share'],
    rows: rows.map((r) => [r.theme, formatShare(r.target), formatShare(r.actual)]),
  };
  return { svg, label, table };
}
