import type { KpiDefinition, KpiValue, ManagersDoc, Signal } from '../contract/documents.ts';

type Manager = ManagersDoc['managers'][number];

/**
 * A PM's KPI that crossed one of the company's 95 % noise limits between two snapshots: its
 * published `signal` (better / worse / within, from |deviation| > limit95, see the catalogue's
 * "Noise limits") differs between them. The site's "changes beyond noise" compares two months
 * inside one snapshot; a digest compares two snapshots whose windows overlap, so it reads each
 * snapshot's own verdict against the limits instead of testing the two values against each other.
 * A KPI without a signal in either snapshot (a count, no value, a PM new since) is not judged.
 */
export interface KpiMove {
  pmId: string;
  kpi: KpiDefinition;
  before: KpiValue;
  after: KpiValue;
  from: Signal;
  to: Signal;
}

export function kpiMoves(current: ManagersDoc, earlier: ManagersDoc | undefined, pm: Manager, kpis: readonly KpiDefinition[]): KpiMove[] {
  const was = earlier?.managers.find((m) => m.id === pm.id);
  if (!was) return [];
  return kpis.flatMap((kpi) => {
    const after = pm.values[kpi.id];
    const before = was.values[kpi.id];
    if (!after?.signal || !before?.signal || after.value === null || before.value === null) return [];
    if (after.signal === before.signal) return [];
    return [{ pmId: pm.id, kpi, before, after, from: before.signal, to: after.signal }];
  });
}

/** The ranked KPIs (counts are never judged against limits). */
export function rankedKpis(doc: ManagersDoc): KpiDefinition[] {
  return doc.kpis.filter((kpi) => kpi.ranked !== false && kpi.comparison !== 'count');
}

/**
 * The KPIs of the delivery and cost areas, ranked ones only. A snapshot that publishes no areas
 * has no grouping to go by: every ranked KPI counts then.
 */
export function deliveryAndCostKpis(doc: ManagersDoc): KpiDefinition[] {
  const ranked = rankedKpis(doc);
  if (!doc.areas) return ranked;
  const ids = new Set(doc.areas.filter((area) => area.id === 'delivery' || area.id === 'cost').flatMap((area) => area.kpis));
  return ranked.filter((kpi) => ids.has(kpi.id));
}

/** "moved beyond the 95 % limit on the bad side", "came back within the limits" … */
export function moveWords(move: KpiMove): string {
  if (move.to === 'worse') return 'now beyond the company’s noise limit on the bad side';
  if (move.to === 'better') return 'now beyond the company’s noise limit on the good side';
  return move.from === 'worse' ? 'back within the company’s noise limits (was on the bad side)' : 'back within the company’s noise limits (was on the good side)';
}

export const moveTone = (move: KpiMove): 'bad' | 'good' => (move.to === 'worse' || (move.to === 'within' && move.from === 'better') ? 'bad' : 'good');

/** " (company 76 %)": the figure the PM is compared with, the only figure of peers a PM may see; empty without one. */
export function companyWords(move: KpiMove, format: (value: number) => string): string {
  const target = move.after.target;
  return target === null || target === undefined ? '' : ` (company ${format(target)})`;
}
