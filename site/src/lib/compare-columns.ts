import type { KpiDefinition, ManagersDoc } from '../../../functions/contract/documents.ts';
import { isRanked } from './direction.ts';

export interface ColumnGroup {
  /** The area's name, "Other" for ranked KPIs in no area. */
  name: string;
  areaId?: string;
  kpis: KpiDefinition[];
}

/**
 * The comparison table's KPI columns, grouped by competency area in the catalogue's order, then
 * the ranked KPIs in no area. Counts that grow with size are left to each PM's page: they are not
 * compared, and without them the table fits a laptop screen.
 */
export function columnGroups(doc: ManagersDoc): ColumnGroup[] {
  const byId = new Map(doc.kpis.map((k) => [k.id, k]));
  const placed = new Set<string>();
  const groups: ColumnGroup[] = (doc.areas ?? []).map((area) => {
    const kpis = area.kpis.map((id) => byId.get(id)).filter((k): k is KpiDefinition => k !== undefined && isRanked(k) && !placed.has(k.id));
    for (const k of kpis) placed.add(k.id);
    return { name: area.name, areaId: area.id, kpis };
  });
  const rest = doc.kpis.filter((k) => isRanked(k) && !placed.has(k.id));
  if (rest.length > 0) groups.push({ name: groups.length > 0 ? 'Other' : 'KPIs', kpis: rest });
  return groups.filter((g) => g.kpis.length > 0);
}

/** The counts left out of the table, named in its caption. */
export const countKpis = (doc: ManagersDoc): KpiDefinition[] => doc.kpis.filter((k) => !isRanked(k));
