import type { KpiDefinition, ManagersDoc } from '../../../functions/contract/documents.ts';
import { areasSpec, COMPANY_SERIES } from './areas-spec.ts';
import type { ChartDef } from './charts.ts';
import { kpiLink, MEAN_OF_PMS } from './charts.ts';
import { formatValue } from './format.ts';
import { areaExtremes } from './chart-findings.ts';
import { pmColour } from './palette.ts';
import { partialNote, shortDay } from './periods.ts';
import { pmLabels } from './scales.ts';
import { slug } from './slug.ts';
import { trendsSpec } from './trends-spec.ts';
import type { TrendPanel } from './trends-spec.ts';

export type Manager = ManagersDoc['managers'][number];

const score = (s: number | null | undefined) => (s === null || s === undefined ? 'no data' : String(Math.round(s)));

/** The PM's score per competency area next to the company average (100); undefined without area data. */
export function areasChartDef(doc: ManagersDoc, pm: Manager): ChartDef | undefined {
  if (!doc.areas?.length || !pm.areas?.length) return undefined;
  const name = pmLabels(doc).get(pm.id) ?? pm.name;
  const scores = new Map(pm.areas.map((a) => [a.id, a.score]));
  const rows = doc.areas.flatMap((a) => [
    { area: a.name, series: name, score: scores.get(a.id) ?? null },
    { area: a.name, series: COMPANY_SERIES, score: 100 },
  ]);
  const kpis = new Map(doc.kpis.map((k) => [k.id, k]));
  return {
    id: `pm-${slug(pm.id)}-areas`,
    caption: 'Competency areas against the company average',
    note: 'Score 100 = the company average in that area; higher is better. Grey bar: company average.',
    label: [`${name}: scores in ${doc.areas.length} competency areas against the company average of 100`, areaExtremes(doc.areas.map((a) => ({ area: a.name, score: scores.get(a.id) })))].filter(Boolean).join('; '),
    table: { columns: ['Area', name, COMPANY_SERIES], rows: doc.areas.map((a) => [a.name, score(scores.get(a.id)), '100']) },
    numeric: [1, 2],
    definitions: doc.areas.flatMap((a) => a.kpis).map((id) => kpis.get(id)).filter((k): k is KpiDefinition => !!k).map(kpiLink),
    spec: areasSpec({ rows, pmSeries: name, pmColour: pmColour(pm.id) }),
  };
}

function trendPanels(doc: ManagersDoc, pm: Manager, name: string): TrendPanel[] {
  const company = new Map((doc.companyMonths ?? []).map((m) => [m.period, m.values]));
  return doc.kpis.map((kpi) => ({
    kpi,
    points: (pm.months ?? []).flatMap((m) => {
      const own = m.values[kpi.id]?.value;
      const mean = company.get(m.period)?.[kpi.id]?.mean;
      const partial = m.partial === true;
      return [
        ...(own === null || own === undefined ? [] : [{ period: m.period, series: name, value: own, partial }]),
        ...(mean === null || mean === undefined ? [] : [{ period: m.period, series: MEAN_OF_PMS, value: mean, partial }]),
      ];
    }),
  })).filter((p) => p.points.length > 0); // an empty panel is just noise: the KPI table already says "no data"
}

/** One row per month and KPI; the last column says "partial: to 5 Dec" for the as-of month that stops short. */
function trendRows(doc: ManagersDoc, pm: Manager, kpis: KpiDefinition[]): string[][] {
  const company = new Map((doc.companyMonths ?? []).map((m) => [m.period, m.values]));
  return (pm.months ?? []).flatMap((m) =>
    kpis.map((kpi) => [
      m.period,
      kpi.name,
      formatValue(m.values[kpi.id]?.value ?? null, kpi.unit),
      formatValue(company.get(m.period)?.[kpi.id]?.mean ?? null, kpi.unit),
      partialNote(m),
    ]),
  );
}

/** "in 2025-10 (the last whole month): On-time delivery 80% against 70%, …" for the chart's name. */
function lastWholeMonth(doc: ManagersDoc, pm: Manager, kpis: KpiDefinition[]): string {
  const month = [...(pm.months ?? [])].reverse().find((m) => !m.partial);
  if (!month) return '';
  const mean = (doc.companyMonths ?? []).find((m) => m.period === month.period)?.values;
  const figures = kpis.map((kpi) => `${kpi.name} ${formatValue(month.values[kpi.id]?.value ?? null, kpi.unit)} against ${formatValue(mean?.[kpi.id]?.mean ?? null, kpi.unit)}`);
  return `in ${month.period}, the last whole month: ${figures.join(', ')}`;
}

/** Each KPI month by month, the PM against the mean of PMs; undefined without monthly data. */
export function trendsChartDef(doc: ManagersDoc, pm: Manager): ChartDef | undefined {
  if (!pm.months?.length) return undefined;
  const name = pmLabels(doc).get(pm.id) ?? pm.name;
  const months = pm.months.map((m) => m.period);
  const panels = trendPanels(doc, pm, name);
  if (panels.length === 0) return undefined;
  const kpis = panels.map((p) => p.kpi);
  const partial = pm.months.find((m) => m.partial);
  const partialText = partial?.to ? ` Hollow point: ${partial.period} is partial (to ${shortDay(partial.to)}), fewer days than a whole month.` : partial ? ` Hollow point: ${partial.period} is partial.` : '';
  return {
    id: `pm-${slug(pm.id)}-trends`,
    caption: 'KPI trends by month',
    note: `${months[0]} to ${months.at(-1)}. Solid line: ${name}; dashed grey: mean of PMs.${partialText}`,
    label: [`${name}: ${kpis.length} KPIs per month over ${months.length} months against the mean of PMs${partial ? `; ${partial.period} is partial` : ''}`, lastWholeMonth(doc, pm, kpis)].filter(Boolean).join('; '),
    table: { columns: ['Month', 'KPI', name, MEAN_OF_PMS, 'Partial'], rows: trendRows(doc, pm, kpis) },
    numeric: [2, 3],
    definitions: kpis.map(kpiLink),
    spec: trendsSpec(panels, name, pmColour(pm.id), MEAN_OF_PMS),
  };
}
