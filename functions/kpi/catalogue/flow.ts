import { NOT_RANKED, SAMPLE_NOTE, type KpiSpec } from './kpi-spec.ts';

/** Flow, quality and team KPIs. */

const PERCENTILE = 'Nearest-rank percentile, exact up to 256 tasks and within 0.5 % above.';

export const flowKpis = [
  {
    id: 'throughput', name: 'Throughput', unit: 'count', higherIsBetter: true, direction: 'higher', comparison: 'count',
    description: `Tasks done in the period per week (7 days) of the period; the current period counts up to the as-of date. n = tasks done. ${NOT_RANKED} Its ranked form is Throughput per person-week.`,
    formula: 'tasks done in the period ÷ (days in the period ÷ 7)',
  },
  {
    id: 'throughputPerPersonWeek', name: 'Throughput per person-week', unit: 'index', higherIsBetter: true, direction: 'higher', comparison: 'normalised',
    description: `Tasks done in the period per person-week the team spent on the PM's projects: each person's hours on them in the period ÷ their weekly capacity (default 40, configurable), summed. The size-normalised form of Throughput. Empty when nobody logged time. n = tasks done; its noise limits scale with the person-weeks (published as weight). ${SAMPLE_NOTE}`,
    formula: 'tasks done in the period ÷ Σ_team (hours on the PM\'s projects ÷ capacity per week)',
  },
  {
    id: 'cycleTimeP50', name: 'Cycle time, median', unit: 'days', higherIsBetter: false, direction: 'lower', comparison: 'normalised', area: 'flow', driver: 'cycle',
    description: `Days from a task's first move into an in-progress status to done, over the tasks done in the period. The start comes from the status history; without one, from the task's own start time; tasks with neither are left out. ${PERCENTILE} ${SAMPLE_NOTE}`,
    formula: 'p50 of (doneAt − first in-progress) in days',
  },
  {
    id: 'cycleTimeP85', name: 'Cycle time, 85th percentile', unit: 'days', higherIsBetter: false, direction: 'lower', comparison: 'normalised', area: 'flow', driver: 'cycle',
    description: `As the median cycle time, at the 85th percentile: 85 % of the tasks took this long or less. ${PERCENTILE} ${SAMPLE_NOTE}`,
    formula: 'p85 of (doneAt − first in-progress) in days',
  },
  {
    id: 'leadTimeP50', name: 'Lead time, median', unit: 'days', higherIsBetter: false, direction: 'lower', comparison: 'normalised', area: 'flow', driver: 'lead',
    description: `Days from a task's creation to done, over the tasks done in the period. ${PERCENTILE} ${SAMPLE_NOTE}`,
    formula: 'p50 of (doneAt − createdAt) in days',
  },
  {
    id: 'wip', name: 'Work in progress', unit: 'count', higherIsBetter: false, direction: 'lower', comparison: 'count',
    description: `Tasks started and not done at the end of the period (the as-of date for the current one). Start as for cycle time; an in-progress task with no start time counts at the as-of date only. n = tasks created by the end of the period. ${NOT_RANKED} Its ranked form is Work in progress per person.`,
    formula: '#{tasks: start ≤ end and not done by end}',
  },
  {
    id: 'wipPerPerson', name: 'Work in progress per person', unit: 'index', higherIsBetter: false, direction: 'lower', comparison: 'normalised', smallBelow: 2,
    description: `Work in progress at the end of the period per person who logged time on the PM's projects in the period: the size-normalised form of Work in progress. Empty without a team. n = people; flagged as a small sample below 2.`,
    formula: '#{tasks: start ≤ end and not done by end} ÷ people who logged time in the period',
  },
  {
    id: 'reopenRate', name: 'Reopen rate', unit: 'ratio', higherIsBetter: false, direction: 'lower', comparison: 'rate', area: 'quality',
    description: `Moves out of done (back to to-do or in progress) over moves into done, both dated in the period, from the status history. Empty without history. Reopens beyond the completions of the period are capped at their number. n = moves into done. ${SAMPLE_NOTE}`,
    formula: 'moves done → not done ÷ moves into done',
  },
] as const satisfies readonly KpiSpec[];

const TEAM = 'The team of a PM in a period is everyone who logged time on the PM\'s projects in it.';

export const teamKpis = [
  {
    id: 'hoursLogged', name: 'Hours logged', unit: 'hours', higherIsBetter: true, direction: 'higher', comparison: 'count', smallBelow: 1,
    description: `Hours of the time entries dated in the period on the projects the PM leads, whoever logged them. n = time entries; flagged as a small sample below 1. ${NOT_RANKED} Utilization is its ranked, size-normalised counterpart.`,
    formula: 'Σ hours of time entries dated in the period',
  },
  {
    id: 'utilization', name: 'Utilization', unit: 'ratio', higherIsBetter: true, direction: 'higher', comparison: 'normalised', area: 'team', smallBelow: 1,
    description: `${TEAM} Hours the team logged on any project in the period over its capacity: capacityHoursPerWeek of each person (default 40, configurable) × days in the period ÷ 7. n = people.`,
    formula: 'Σ_team hours ÷ Σ_team capacity per week × days ÷ 7',
  },
  {
    id: 'overtimeShare', name: 'Overtime share', unit: 'ratio', higherIsBetter: false, direction: 'lower', comparison: 'normalised', area: 'team', smallBelow: 1,
    description: `${TEAM} Share of their hours, on any project, beyond each person's weekly capacity, over the weeks (Monday to Sunday) that start in the period. 0 when nobody works beyond capacity. n = people.`,
    formula: 'Σ_person-weeks max(0, hours − capacity) ÷ Σ_person-weeks hours',
  },
  {
    id: 'workloadBalance', name: 'Workload imbalance', unit: 'index', higherIsBetter: false, direction: 'lower', comparison: 'normalised', area: 'team', smallBelow: 2,
    description: 'Coefficient of variation (population standard deviation ÷ mean) of the hours each team member logged on the PM\'s projects in the period: 0 when everyone logged the same. n = people; flagged as a small sample below 2.',
    formula: 'σ(hours per person) ÷ μ(hours per person)',
  },
] as const satisfies readonly KpiSpec[];
