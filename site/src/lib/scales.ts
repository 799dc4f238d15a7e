import type { ManagersDoc } from '../../../functions/contract/documents.ts';
import type { Unit } from './format.ts';

export type Domain = [number, number];

/** Every value a KPI chart plots: each PM's value and the company mean. */
function plottedValues(doc: ManagersDoc, kpiId: string): number[] {
  const values = doc.managers.map((pm) => pm.values[kpiId]?.value ?? null);
  values.push(doc.company[kpiId]?.mean ?? null);
  return values.filter((v): v is number => v !== null && Number.isFinite(v));
}

/**
 * One x domain per unit across all KPI charts, so two ratios or two durations can be
 * compared by eye from one chart to the next. Ratios always show the whole 0–100 %.
 */
export function valueDomains(doc: ManagersDoc): Map<Unit, Domain> {
  const domains = new Map<Unit, Domain>();
  for (const kpi of doc.kpis) {
    const values = plottedValues(doc, kpi.id);
    const [lo, hi] = domains.get(kpi.unit) ?? (kpi.unit === 'ratio' ? [0, 1] : [0, 0]);
    domains.set(kpi.unit, [Math.min(lo, ...values), Math.max(hi, ...values)]);
  }
  for (const [unit, [lo, hi]] of domains) if (hi <= lo) domains.set(unit, [lo, lo + 1]);
  return domains;
}

/** PMs in one order (by name, then id) on every chart, so rows line up between charts. */
export function pmOrder(doc: ManagersDoc): ManagersDoc['managers'] {
  return [...doc.managers].sort((a, b) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id));
}

/** Axis labels are names; two PMs with the same name are told apart by their id. */
export function pmLabels(doc: ManagersDoc): Map<string, string> {
  const counts = new Map<string, number>();
  for (const pm of doc.managers) counts.set(pm.name, (counts.get(pm.name) ?? 0) + 1);
  return new Map(doc.managers.map((pm) => [pm.id, (counts.get(pm.name) ?? 0) > 1 ? `${pm.name} (${pm.id})` : pm.name]));
}
