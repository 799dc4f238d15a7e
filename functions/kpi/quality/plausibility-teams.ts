import type { ManagersDoc, QualityFinding } from '../../contract/documents.ts';

/** A team logging half again its capacity: capacities set too low, or hours counted twice. */
export const TEAM_UTILIZATION_LIMIT = 1.5;

/** Utilization as published (window and months; a quarter over the limit has a month over it or nearly). */
export function teamFindings(managers: ManagersDoc): Extract<QualityFinding, { kind: 'teamUtilization' }>[] {
  const found: Extract<QualityFinding, { kind: 'teamUtilization' }>[] = [];
  const window = `the window ${managers.window.from}…${managers.window.to}`;
  for (const pm of managers.managers) {
    const periods = [{ period: 'window', label: window, value: pm.values.utilization }, ...(pm.months ?? []).map((m) => ({ period: m.period, label: m.period, value: m.values.utilization }))];
    for (const { period, label, value } of periods) {
      const utilization = value?.value;
      if (utilization === null || utilization === undefined || !(utilization > TEAM_UTILIZATION_LIMIT)) continue;
      found.push({
        kind: 'teamUtilization',
        message: `The team of ${pm.name} logged ${Math.round(utilization * 100)} % of its capacity in ${label}, over ${TEAM_UTILIZATION_LIMIT * 100} %: capacities (people[].capacityHoursPerWeek, kpi.defaultCapacityHoursPerWeek) are probably too low, or hours are counted twice.`,
        figure: utilization,
        threshold: TEAM_UTILIZATION_LIMIT,
        records: { pmId: pm.id, pmName: pm.name, period, utilization, teamSize: value?.n ?? 0 },
      });
    }
  }
  return found.sort((a, b) => b.figure - a.figure || (a.records.pmId < b.records.pmId ? -1 : a.records.pmId > b.records.pmId ? 1 : 0));
}
