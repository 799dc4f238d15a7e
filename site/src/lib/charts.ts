import type { TopLevelSpec } from 'vega-lite';
import type { AlignmentDoc, KpiDefinition, ManagersDoc } from '../../../functions/contract/documents.ts';
import { alignmentSpec } from './alignment-spec.ts';
import type { AlignmentRow } from './alignment-spec.ts';
import { directionText, goodness } from './direction.ts';
import { formatScore, formatShare, formatValue } from './format.ts';
import { kpiSpec } from './kpi-spec.ts';
import type { KpiPoint } from './kpi-spec.ts';
import { pmLabels, valueDomains } from './scales.ts';
import { slug } from './slug.ts';
import { narrowSpec, toSvg } from './vega-svg.ts';

/** The fallback table holds exactly the values the chart draws, as text. */
export interface ChartTable {
  columns: string[];
  rows: string[][];
}

/**
 * A chart before rendering: cheap to build, so the CSV files can be written from the
 * same definitions as the pages without drawing any SVG twice.
 */
export interface ChartDef {
  /** Unique across the site: the figure id and the CSV file name. */
  id: string;
  caption: string;
  note?: string;
  label: string;
  table: ChartTable;
  /** Table columns holding numbers (right-aligned). */
  numeric?: number[];
  /** Sections of the definitions page the figure links to. */
  definitions?: DefinitionLink[];
  spec: TopLevelSpec;
}

/** A chart rendered at build time: the SVG, its accessible name and its data table. */
export interface Chart {
  svg: string;
  /** The same chart drawn for a phone, when its width differs (see narrowSpec). */
  narrowSvg?: string;
  label: string;
  table: ChartTable;
}

export interface DefinitionLink {
  anchor: string;
  name: string;
}

export const kpiAnchor = (kpiId: string) => `kpi-${slug(kpiId)}`;
export const kpiLink = (kpi: KpiDefinition): DefinitionLink => ({ anchor: kpiAnchor(kpi.id), name: kpi.name });
export const alignmentLink: DefinitionLink = { anchor: 'alignment', name: 'theme share and gap score' };

export type RenderedChart = ChartDef & Chart;

export async function renderChart(def: ChartDef): Promise<RenderedChart> {
  const narrow = narrowSpec(def.spec);
  const [svg, narrowSvg] = await Promise.all([toSvg(def.spec), narrow && toSvg(narrow)]);
  return { ...def, svg, ...(narrowSvg ? { narrowSvg } : {}) };
}

export const UNALIGNED_THEME = 'Unaligned';

/** Best first (direction-adjusted, a KPI best at 1 by the distance from 1), PMs with no value last, ties by name. */
function byValue(kpi: KpiDefinition) {
  return (a: KpiPoint, b: KpiPoint) => {
    if (a.value === null || b.value === null) return (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0) || a.label.localeCompare(b.label, 'en');
    return goodness(kpi, b.value) - goodness(kpi, a.value) || a.label.localeCompare(b.label, 'en');
  };
}

function kpiPoints(doc: ManagersDoc, kpi: KpiDefinition): KpiPoint[] {
  const labels = pmLabels(doc);
  const points = doc.managers.map((pm) => {
    const v = pm.values[kpi.id];
    return { pmId: pm.id, label: labels.get(pm.id) ?? pm.name, value: v?.value ?? null, n: v?.n ?? 0, smallSample: v?.smallSample ?? false };
  });
  return points.sort(byValue(kpi));
}

function kpiTable(kpi: KpiDefinition, points: KpiPoint[], mean: number | null): ChartTable {
  const rows = points.map((p) => [
    p.label,
    formatValue(p.value, kpi.unit),
    String(p.n),
    p.value === null ? '' : p.smallSample ? 'small sample' : '',
  ]);
  rows.push([MEAN_OF_PMS, formatValue(mean, kpi.unit), '', '']);
  return { columns: ['Project manager', kpi.name, 'n', 'Note'], rows };
}

/** The company figure beside a KPI is the mean of the PMs' values, not a pooled rate: the label says which. */
export const MEAN_OF_PMS = 'Mean of PMs';

const direction = (kpi: KpiDefinition) => `${directionText(kpi)}.`;

/** What the chart shows, for a reader who cannot see it: how many PMs, the best and worst three and the mean. */
function kpiLabel(kpi: KpiDefinition, points: KpiPoint[], mean: number | null, period: string): string {
  const plotted = points.filter((p) => p.value !== null);
  const fmt = (p: KpiPoint) => `${p.label} ${formatValue(p.value, kpi.unit)}`;
  const ends = Math.min(3, Math.floor(plotted.length / 2));
  const best = plotted.slice(0, ends).map(fmt).join(', ');
  const worst = plotted.slice(plotted.length - ends).reverse().map(fmt).join(', ');
  return `${kpi.name}, ${period}: ${plotted.length} project managers against the mean of PMs of ${formatValue(mean, kpi.unit)}.` +
    (ends > 0 ? ` Best: ${best}. Worst: ${worst}.` : '');
}

/** Every PM's value of one KPI over the trailing window, best first, against the mean of PMs on the x scale shared by its unit. */
export function kpiChartDef(doc: ManagersDoc, kpi: KpiDefinition, idPrefix = 'kpi-'): ChartDef {
  const points = kpiPoints(doc, kpi);
  const mean = doc.company[kpi.id]?.mean ?? null;
  const domain = valueDomains(doc).get(kpi.unit) ?? [0, 1];
  return {
    id: `${idPrefix}${slug(kpi.id)}`,
    caption: kpi.name,
    note: `${kpi.description} ${direction(kpi)} Window ${doc.window.from} to ${doc.window.to}. Best first. Dashed line: mean of PMs. Hollow point: small sample.`,
    label: kpiLabel(kpi, points, mean, `window ${doc.window.from} to ${doc.window.to}`),
    table: kpiTable(kpi, points, mean),
    numeric: [1, 2],
    definitions: [kpiLink(kpi)],
    spec: kpiSpec({ kpi, points, mean, domain }),
  };
}

export const kpiChart = (doc: ManagersDoc, kpi: KpiDefinition): Promise<Chart> => renderChart(kpiChartDef(doc, kpi));

function alignmentRows(themes: AlignmentDoc['themes'], unalignedShare: number): AlignmentRow[] {
  const rows = themes.map((t) => ({ theme: t.name, target: t.target, actual: t.actual }));
  // Unaligned work has no target: any of it is a gap.
  rows.push({ theme: UNALIGNED_THEME, target: 0, actual: unalignedShare });
  return rows;
}

export interface AlignmentScope {
  id: string;
  caption: string;
  themes: AlignmentDoc['themes'];
  unalignedShare: number;
  gapScore: number;
}

/** Target against actual share of hours per strategic theme, plus unaligned hours. */
export function alignmentChartDef(scope: AlignmentScope): ChartDef {
  const rows = alignmentRows(scope.themes, scope.unalignedShare);
  return {
    id: scope.id,
    caption: scope.caption,
    label: `Share of hours per strategic theme, target against actual, for ${rows.length - 1} themes and unaligned work; gap score ${formatScore(scope.gapScore)}`,
    table: { columns: ['Theme', 'Target share', 'Actual share'], rows: rows.map((r) => [r.theme, formatShare(r.target), formatShare(r.actual)]) },
    numeric: [1, 2],
    definitions: [alignmentLink],
    spec: alignmentSpec(rows),
  };
}

export function overallAlignmentDef(doc: AlignmentDoc): ChartDef {
  const scope = { id: 'theme-alignment', caption: 'Target and actual share of hours per theme', themes: doc.themes, unalignedShare: doc.unalignedShare, gapScore: doc.gapScore };
  return { ...alignmentChartDef(scope), note: `Window ${doc.window.from} to ${doc.window.to}. Unaligned hours have no target.` };
}

export const alignmentChart = (doc: AlignmentDoc): Promise<Chart> => renderChart(overallAlignmentDef(doc));
