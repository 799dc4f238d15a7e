import type { KpiDefinition, ManagersDoc } from '../../../functions/contract/documents.ts';
import type { ChartDef } from './charts.ts';
import { kpiLink } from './charts.ts';
import { formatValue } from './format.ts';
import { funnelSpec } from './funnel-spec.ts';
import type { FunnelPoint } from './funnel-spec.ts';
import { pmLabels } from './scales.ts';
import { slug } from './slug.ts';

function funnelPoints(doc: ManagersDoc, kpi: KpiDefinition): FunnelPoint[] {
  const labels = pmLabels(doc);
  return doc.managers.flatMap((pm) => {
    const v = pm.values[kpi.id];
    // A log axis has no zero: PMs with no sample are listed in the table on the page, not plotted.
    if (!v || v.value === null || v.n <= 0) return [];
    return [{ pmId: pm.id, label: labels.get(pm.id) ?? pm.name, n: v.n, value: v.value }];
  }).sort((a, b) => a.n - b.n || a.label.localeCompare(b.label, 'en'));
}

/** One funnel plot per rate KPI that carries funnel limits in the snapshot. */
export function funnelChartDefs(doc: ManagersDoc): ChartDef[] {
  return doc.kpis.flatMap((kpi) => {
    const funnel = doc.company[kpi.id]?.funnel;
    if (kpi.unit !== 'ratio' || !funnel?.limits.length) return [];
    const points = funnelPoints(doc, kpi);
    const rows = points.map((p) => [p.label, String(p.n), formatValue(p.value, kpi.unit)]);
    rows.push(['Company (pooled)', '', formatValue(funnel.target, kpi.unit)]);
    return [{
      id: `funnel-${slug(kpi.id)}`,
      caption: `${kpi.name}: rate against sample size`,
      note: 'Solid line: pooled company rate (all PMs\' tasks together, so it can differ from the mean of PMs shown elsewhere). Dashed: 95 % limits; dotted: 99.8 % limits. A point inside the funnel is within chance of the mean.',
      label: `Funnel plot of ${kpi.name} for ${points.length} project managers around the pooled rate of ${formatValue(funnel.target, kpi.unit)}`,
      table: { columns: ['Project manager', 'n', kpi.name], rows },
      numeric: [1, 2],
      definitions: [kpiLink(kpi)],
      spec: funnelSpec({ kpi, points, target: funnel.target, limits: funnel.limits }),
    }];
  });
}
