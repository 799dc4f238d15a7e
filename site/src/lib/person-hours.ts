import type { KpiDefinition, ManagersDoc } from '../../../functions/contract/documents.ts';

/**
 * KPIs whose value is a sum of people's logged hours (a PM's team's hours). Ratios built on hours
 * (CPI, utilization, overtime share, throughput per person-week) are not listed: without the
 * estimates or capacities beside them they do not give anyone's hours back. Decision-wait hours are
 * clock time a task waits, not time anyone logged.
 */
const HOURS_OVER_PEOPLE = new Set(['hoursLogged']);

export const isHoursOverPeople = (kpi: KpiDefinition): boolean => HOURS_OVER_PEOPLE.has(kpi.id);

/**
 * How many people a PM's window figures rest on: `wipPerPerson`'s n is the people who logged time
 * on the PM's projects in the window (kpi-catalogue.md, "Flow and quality"). Undefined when the
 * snapshot does not say: then the group is treated as too small.
 */
export function teamSize(pm: ManagersDoc['managers'][number]): number | undefined {
  return pm.values['wipPerPerson']?.n;
}

// The rule itself sits with privacy.minGroup, so the digests apply the same one.
export { largeEnough } from '../../../functions/config/privacy.ts';

/** The note shown where a figure is held back; "counted" covers a snapshot that counts no one. */
export const hiddenNote = (minGroup: number): string => `hidden: fewer than ${minGroup} people counted`;
