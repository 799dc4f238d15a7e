import type { CompanyStat, KpiDefinition, ManagersDoc } from '../../../functions/contract/documents.ts';
import { limitPosition, type LimitPosition } from './limits.ts';
import { isHoursOverPeople, largeEnough, teamSize } from './person-hours.ts';

/** One KPI across the PMs without saying whose value is whose: what the anonymised pages show. */
export interface PeerDistribution {
  kpi: KpiDefinition;
  /** The PMs' values, smallest first; unlabelled and sorted, so no order gives a name back. */
  values: number[];
  /** The published company figures (median, quartiles, mean); undefined when held back or not published. */
  company: CompanyStat | undefined;
  /** PMs against the company's 95 % limits (ranked KPIs only). */
  positions: Record<LimitPosition, number>;
  /** PMs with a value left out because it is the hours of fewer than `minGroup` people. */
  hidden: number;
}

/**
 * A KPI's distribution over PMs. A KPI that sums people's hours shows a PM's value only when the
 * PM's team has at least `minGroup` people, and the company figures only when no value is held
 * back (a median or quartile is one PM's value).
 */
export function peerDistribution(doc: ManagersDoc, kpi: KpiDefinition, minGroup: number): PeerDistribution {
  const positions: Record<LimitPosition, number> = { above: 0, within: 0, below: 0 };
  const values: number[] = [];
  let hidden = 0;
  for (const pm of doc.managers) {
    const v = pm.values[kpi.id];
    if (!v || v.value === null || !Number.isFinite(v.value)) continue;
    if (isHoursOverPeople(kpi) && !largeEnough(teamSize(pm), minGroup)) {
      hidden++;
      continue;
    }
    values.push(v.value);
    const position = limitPosition(kpi, v);
    if (position) positions[position]++;
  }
  values.sort((a, b) => a - b);
  return { kpi, values, company: hidden > 0 ? undefined : doc.company[kpi.id], positions, hidden };
}
