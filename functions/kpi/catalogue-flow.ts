import { SAMPLE_NOTE, type KpiSpec } from './kpi-spec.ts';

/** Flow, quality and team KPIs. */

const PERCENTILE = 'Nearest-rank percentile, exact up to 256 tasks and within 0.5 % above.';

export const flowKpis: readonly KpiSpec[] = [
  {
    id: 'throughput', name: 'Throughput', unit: 'count', higherIsBetter: true, direction: 'higher',
    description: 'Tasks done in the period per week (7 days) of the period; the current period counts up to the as-of date. Grows with team size, so it is not part of any area score. n = tasks done.',
    formula: 'tasks done in the period ÷ (days in the period ÷ 7)',
  },
  {
    id: 'cycleTimeP50', name: 'Cycle time, median', unit: 'days', higherIsBetter: false, direction: 'lower', area: 'flow', driver: 'cycle',
    description: `Days from a task's first move into an in-progress status to done, over the tasks done in the period. The start comes from the status history; without one, from the task's own start time; tasks with neither are left out. ${PERCENTILE} ${SAMPLE_NOTE}`,
    formula: 'p50 of (doneAt − first in-progress) in days',
  },
  {
    id: 'cycleTimeP85', name: 'Cycle time, 85th percentile', unit: 'days', higherIsBetter: false, direction: 'lower', area: 'flow', driver: 'cycle',
    description: `As the median cycle time, at the 85th percentile: 85 % of the tasks took this long or less. ${PERCENTILE} ${SAMPLE_NOTE}`,
    formula: 'p85 of (doneAt − first in-progress) in days',
  },
  {
    id: 'leadTimeP50', name: 'Lead time, median', unit: 'days', higherIsBetter: false, direction: 'lower', area: 'flow', driver: 'lead',
    description: `Days from a task's creation to done, over the tasks done in the period. ${PERCENTILE} ${SAMPLE_NOTE}`,
    formula: 'p50 of (doneAt − createdAt) in days',
  },
  {
    id: 'wip', name: 'Work in progress', unit: 'count', higherIsBetter: false, direction: 'lower',
    description: 'Tasks started and not done at the end of the period (the as-of date for the current one). Start as for cycle time; an in-progress task with no start time counts at the as-of date only. A count: not part of any area score. n = tasks created by the end of the period.',
    formula: '#{tasks: start ≤ end and not done by end}',
  },
  {
    id: 'reopenRate', name: 'Reopen rate', unit: 'ratio', higherIsBetter: false, direction: 'lower', area: 'quality', rate: true,
    description: `Moves out of done (back to to-do or in progress) over moves into done, both dated in the period, from the status history. Empty without history. Reopens beyond the completions of the period are capped at their number. n = moves into done. ${SAMPLE_NOTE}`,
    formula: 'moves done → not done ÷ moves into done',
  },
];

const TEAM = 'The team of a PM in a period is everyone who logged time on the PM\'s projects in it.';

export const teamKpis: readonly KpiSpec[] = [
  {
    id: 'hoursLogged', name: 'Hours logged', unit: 'hours', higherIsBetter: true, direction: 'higher', smallBelow: 1,
    description: 'Hours of the time entries dated in the period on the projects the PM leads, whoever logged them. n = time entries; flagged as a small sample below 1.',
    formula: 'Σ hours of time entries dated in the period',
  },
  {
    id: 'utilization', name: 'Utilization', unit: 'ratio', higherIsBetter: true, direction: 'higher', area: 'team', smallBelow: 1,
    description: `${TEAM} Hours the team logged on any project in the period over its capacity: capacityHoursPerWeek of each person (default 40, configurable) × days in the period ÷ 7. n = people.`,
    formula: 'Σ_team hours ÷ Σ_team capacity per week × days ÷ 7',
  },
  {
    id: 'overtimeShare', name: 'Overtime share', unit: 'ratio', higherIsBetter: false, direction: 'lower', area: 'team', smallBelow: 1,
    description: `${TEAM} Share of their hours, on any project, beyond each person's weekly capacity, over the weeks (Monday to Sunday) that start in the period. 0 when nobody works beyond capacity. n = people.`,
    formula: 'Σ_person-weeks max(0, hours − capacity) ÷ Σ_person-weeks hours',
  },
  {
    id: 'workloadBalance', name: 'Workload imbalance', unit: 'index', higherIsBetter: false, direction: 'lower', area: 'team', smallBelow: 2,
    description: 'Coefficient of variation (population standard deviation ÷ mean) of the hours each team member logged on the PM\'s projects in the period: 0 when everyone logged the same. n = people; flagged as a small sample below 2.',
    formula: 'σ(hours per person) ÷ μ(hours per person)',
  },
];
