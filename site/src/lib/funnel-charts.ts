import type { KpiDefinition, KpiValue, ManagersDoc } from '../../../functions/contract/documents.ts';
import type { ChartDef } from './charts.ts';
import { kpiLink } from './charts.ts';
import { goodness, isRate } from './direction.ts';
import { formatValue } from './format.ts';
import { funnelSpec } from './funnel-spec.ts';
import type { FunnelLimit, FunnelPoint } from './funnel-spec.ts';
import { limitPosition } from './limits.ts';
import type { LimitPosition } from './limits.ts';
import { pmLabels } from './scales.ts';
import { slug } from './slug.ts';

/** Up to this many PMs every point carries its name; past it, those outside the limits and the ends. */
const NAME_ALL_UP_TO = 20;
const NAMED_ENDS = 3;

export interface Funnel {
  kpi: KpiDefinition;
  target: number;
  limits: FunnelLimit[];
  /** Best first, by the published direction; PMs without a value are left out (a log axis has no zero). */
  points: FunnelPoint[];
  counts: Record<FunnelPoint['position'], number>;
}

/** The company's published funnel, or limits drawn around the pooled rate the PMs were compared with. */
function funnelBasis(doc: ManagersDoc, kpi: KpiDefinition): { target: number; limits: FunnelLimit[] } | undefined {
  const published = doc.company[kpi.id]?.funnel;
  if (published?.limits.length) return published;
  const target = doc.managers.map((pm) => pm.values[kpi.id]?.target).find((t): t is number => typeof t === 'number');
  if (target === undefined) return undefined;
  const maxN = Math.max(1, ...doc.managers.map((pm) => pm.values[kpi.id]?.n ?? 0));
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  const limits: FunnelLimit[] = [];
  for (let n = 1; n <= maxN * 1.5; n = Math.max(n + 1, Math.round(n * 1.3))) {
    const se = Math.sqrt((target * (1 - target)) / n);
    limits.push({ n, lower95: clamp(target - 1.96 * se), upper95: clamp(target + 1.96 * se), lower998: clamp(target - 3.09 * se), upper998: clamp(target + 3.09 * se) });
  }
  return { target, limits };
}

/** The published position; for a snapshot without signals, the same rule at this n: p ± 1.96 √(p(1 − p)/n). */
function positionAt(kpi: KpiDefinition, v: KpiValue, target: number): LimitPosition {
  const published = limitPosition(kpi, v);
  if (published) return published;
  const reach = 1.96 * Math.sqrt((target * (1 - target)) / v.n);
  return v.value! > target + reach ? 'above' : v.value! < target - reach ? 'below' : 'within';
}

function funnelPoints(doc: ManagersDoc, kpi: KpiDefinition, target: number): FunnelPoint[] {
  const labels = pmLabels(doc);
  const points = doc.managers.flatMap((pm) => {
    const v = pm.values[kpi.id];
    if (!v || v.value === null || v.n <= 0) return [];
    return [{ pmId: pm.id, label: labels.get(pm.id) ?? pm.name, n: v.n, value: v.value, position: positionAt(kpi, v, target), named: false }];
  });
  points.sort((a, b) => goodness(kpi, b.value) - goodness(kpi, a.value) || a.label.localeCompare(b.label, 'en'));
  return points.map((p, i) => ({
    ...p,
    named: points.length <= NAME_ALL_UP_TO || p.position !== 'within' || i < NAMED_ENDS || i >= points.length - NAMED_ENDS,
  }));
}

/** A funnel for every rate KPI the snapshot can draw one for. */
export function funnels(doc: ManagersDoc): Funnel[] {
  return doc.kpis.filter(isRate).flatMap((kpi) => {
    const basis = funnelBasis(doc, kpi);
    if (!basis) return [];
    const points = funnelPoints(doc, kpi, basis.target);
    const counts = { above: 0, within: 0, below: 0 };
    for (const p of points) counts[p.position]++;
    return [{ kpi, ...basis, points, counts }];
  });
}

export const funnelId = (kpi: KpiDefinition) => `funnel-${slug(kpi.id)}`;

function funnelLabel(f: Funnel): string {
  const { kpi, points } = f;
  const fmt = (p: FunnelPoint) => `${p.label} ${formatValue(p.value, kpi.unit)} (n ${p.n})`;
  const outside = points.filter((p) => p.position !== 'within');
  const ends = points.length > 0 ? ` Best ${fmt(points[0]!)}; worst ${fmt(points.at(-1)!)}.` : '';
  return `Funnel plot of ${kpi.name} for ${points.length} project managers around the pooled rate of ${formatValue(f.target, kpi.unit)}: ` +
    `${f.counts.above} above, ${f.counts.within} within and ${f.counts.below} below the 95 % limits.${ends}` +
    (outside.length > 0 && outside.length <= 10 ? ` Outside the limits: ${outside.map((p) => `${p.label} (${p.position})`).join(', ')}.` : '');
}

/** "above (better)", "within", "below (worse)". */
export function positionWords(kpi: KpiDefinition, position: LimitPosition): string {
  if (position === 'within') return 'within';
  return `${position} (${(position === 'above') === kpi.higherIsBetter ? 'better' : 'worse'})`;
}

export function funnelChartDef(doc: ManagersDoc, f: Funnel): ChartDef {
  const { kpi } = f;
  const rows = f.points.map((p) => [p.label, String(p.n), formatValue(p.value, kpi.unit), positionWords(kpi, p.position)]);
  rows.push(['Company (pooled)', '', formatValue(f.target, kpi.unit), '']);
  return {
    id: funnelId(kpi),
    caption: `${kpi.name}: rate against sample size`,
    note: 'Solid line: pooled company rate (all PMs\' items together, so it can differ from the mean of PMs). Dashed: 95 % limits; dotted: 99.8 % limits. ▲ above, ● within, ▼ below the 95 % limits. A point inside the funnel is within chance of the pooled rate.',
    label: funnelLabel(f),
    table: { columns: ['Project manager', 'n', kpi.name, 'Against the 95 % limits'], rows },
    numeric: [1, 2],
    definitions: [kpiLink(kpi)],
    spec: funnelSpec({ kpi, points: f.points, target: f.target, limits: f.limits }),
  };
}
