import { NOT_RANKED, SAMPLE_NOTE, type KpiSpec } from './kpi-spec.ts';

/** Delivery and cost KPIs. The text is the contract with the reader: the site shows it beside every chart. */

const DONE = 'A task is done when its status is done and the source gives its completion time; its completion day is read in the source\'s own calendar, and a task done after the as-of date counts as not done.';

export const deliveryKpis = [
  {
    id: 'onTimeRate', name: 'On-time delivery', unit: 'ratio', higherIsBetter: true, direction: 'higher', comparison: 'rate', area: 'delivery', driver: 'late',
    description: `Share of the tasks due in the period (on the projects the PM leads) that were done on or before their due date; a task still open counts as late. ${DONE} Tasks without a due date are left out. n = tasks due. ${SAMPLE_NOTE}`,
    formula: 'tasks due in the period with doneDay ≤ dueOn ÷ tasks due in the period',
  },
  {
    id: 'slipDaysMean', name: 'Average slip', unit: 'days', higherIsBetter: false, direction: 'lower', comparison: 'normalised', area: 'delivery', driver: 'late',
    description: `Average days late of the tasks due in the period: doneDay − dueOn for late tasks, asOf − dueOn for tasks still open, 0 for tasks on time. n = tasks due. ${SAMPLE_NOTE}`,
    formula: 'Σ max(0, (doneDay or asOf) − dueOn) ÷ tasks due in the period',
  },
  {
    id: 'slipDaysP85', name: 'Slip, 85th percentile', unit: 'days', higherIsBetter: false, direction: 'lower', comparison: 'normalised', area: 'delivery', driver: 'late',
    description: `85th percentile (nearest rank) of the slip of the tasks due in the period, as in Average slip: 85 % of the tasks slipped by this many days or fewer. Exact up to 256 tasks, within 0.5 % above. ${SAMPLE_NOTE}`,
    formula: 'slip values sorted ascending, the ⌈0.85·n⌉-th',
  },
  {
    id: 'overdueOpen', name: 'Overdue open tasks', unit: 'count', higherIsBetter: false, direction: 'lower', comparison: 'count', driver: 'overdue',
    description: `Tasks that were not done at the end of the period (the as-of date for the current one) although their due date had been reached. n = tasks due by the end of the period. ${NOT_RANKED} Its ranked form is Overdue share.`,
    formula: '#{tasks: dueOn ≤ end and not done by end}',
  },
  {
    id: 'overdueOpenShare', name: 'Overdue share', unit: 'ratio', higherIsBetter: false, direction: 'lower', comparison: 'rate', driver: 'overdue',
    description: `Overdue open tasks as a share of the tasks due by the end of the period (the as-of date for the current one): the size-normalised form of Overdue open tasks, ranked as a rate against the pooled company share. n = tasks due by the end of the period. ${SAMPLE_NOTE}`,
    formula: '#{tasks: dueOn ≤ end and not done by end} ÷ #{tasks: dueOn ≤ end}',
  },
  {
    id: 'milestoneHitRate', name: 'Milestones hit', unit: 'ratio', higherIsBetter: true, direction: 'higher', comparison: 'rate', area: 'delivery', smallBelow: 3, driver: 'late',
    description: 'On-time delivery restricted to tasks of type "Milestone" (any case). Empty when the PM had no milestone due in the period. n = milestones due; flagged as a small sample below 3.',
    formula: 'milestones due in the period done by their due date ÷ milestones due in the period',
  },
  {
    id: 'spi', name: 'Schedule performance (SPI)', unit: 'index', higherIsBetter: true, direction: 'higher', comparison: 'normalised', area: 'cost', driver: 'unearned',
    description: `Earned value in hours, cumulative to the end of the period. PV = estimates of the tasks due by then; EV = estimates earned by then (rule 0/100 by default: the whole estimate when done; rule 50/50 by config: half when started, half when done). Tasks without an estimate plan and earn nothing. For a PM, PV and EV are summed over the projects before dividing. Empty when PV is 0. n = tasks with an estimate. ${SAMPLE_NOTE}`,
    formula: 'SPI = EV ÷ PV',
  },
  {
    id: 'cpi', name: 'Cost performance (CPI)', unit: 'index', higherIsBetter: true, direction: 'higher', comparison: 'normalised', area: 'cost', driver: 'overrun',
    description: `Earned value in hours against the hours actually logged (AC = hours of every time entry on the projects dated by the end of the period). Summed over the PM's projects before dividing. Empty when AC is 0. n = tasks with an estimate. ${SAMPLE_NOTE}`,
    formula: 'CPI = EV ÷ AC',
  },
  {
    id: 'estimationAccuracy', name: 'Estimation accuracy (work ratio)', unit: 'index', higherIsBetter: false, direction: 'towardOne', comparison: 'normalised', area: 'cost', driver: 'estimate',
    description: `Time spent against the original estimate over the tasks done in the period that have both. A task's time spent is the hours of its time entries dated by the as-of date; only for a task with no time entries at all does the source's own total count (e.g. Jira time tracking or Asana actual time), as that total includes hours logged later. 1 is a perfect estimate, above 1 an overrun, below 1 an overestimate; PMs rank by the distance from 1. Tasks with no or a zero estimate are left out. n = tasks. ${SAMPLE_NOTE}`,
    formula: 'Σ spent by asOf ÷ Σ estimateHours (tasks done in the period with both; spent = entries dated ≤ asOf, else the source total)',
  },
] as const satisfies readonly KpiSpec[];
