import type { KpiId } from './definitions.ts';

/**
 * The KPIs built on logged hours (time entries, or a task's own time spent). Where a source
 * cannot give hours at all (an Asana plan without time tracking), these are null for the PMs with
 * work in it, with the reason: without hours they would read 0 h, 0 % utilization or an estimate
 * accuracy of 0, and such a PM would rank as if nobody had worked.
 */
export const HOURS_KPIS: ReadonlySet<KpiId> = new Set<KpiId>([
  'cpi',
  'estimationAccuracy',
  'throughputPerPersonWeek',
  'hoursLogged',
  'utilization',
  'overtimeShare',
  'workloadBalance',
  'wipPerPerson',
]);

/**
 * The hours KPIs that count a team member's hours on every project, not only the PM's: unknown
 * also for a PM whose own projects all have hours, when a team member is assigned work in a source
 * without them (that member's week is partly unseen, so utilization and overtime would read low).
 */
export const ALL_PROJECTS_HOURS_KPIS: ReadonlySet<KpiId> = new Set<KpiId>(['utilization', 'overtimeShare']);
