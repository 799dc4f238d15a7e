import { NOT_RANKED, SAMPLE_NOTE, type KpiSpec } from './kpi-spec.ts';

/**
 * What was promised: delivery against each task's baseline due date, the first one set, so that
 * moving a due date does not make a late task on time again. The text is the contract with the reader.
 */

const BASELINE = 'A task\'s baseline due date is the first due date it was given: the one it was created with, else the first one set later, from the source\'s history (Jira changelog, Asana due-date stories); without any history it is the current due date. Changes dated after the as-of date are ignored.';

export const baselineKpis = [
  {
    id: 'slipDaysMeanBaseline', name: 'Average slip against baseline', unit: 'days', higherIsBetter: false, direction: 'lower', comparison: 'normalised',
    description: `Average days late against the baseline due date, over the tasks whose baseline due date falls in the period: doneDay − baselineDue for late tasks, asOf − baselineDue for tasks still open, 0 for tasks done by it. Read beside Average slip, which uses the current due date: the difference is what re-planning hid. ${BASELINE} n = tasks with a baseline due date in the period. ${SAMPLE_NOTE}`,
    formula: 'Σ max(0, (doneDay or asOf) − baselineDue) ÷ tasks with baselineDue in the period',
  },
  {
    id: 'replannedTasks', name: 'Re-planned tasks', unit: 'count', higherIsBetter: false, direction: 'lower', comparison: 'count',
    description: `Tasks whose baseline due date falls in the period and whose due date was changed after the baseline was set (moved to another date or cleared), by the as-of date. ${BASELINE} n = tasks with a baseline due date in the period. ${NOT_RANKED} Its ranked form is Re-plan share.`,
    formula: '#{tasks: baselineDue in the period, due date changed after the baseline by asOf}',
  },
  {
    id: 'replanShare', name: 'Re-plan share', unit: 'ratio', higherIsBetter: false, direction: 'lower', comparison: 'rate',
    description: `Re-planned tasks as a share of the tasks whose baseline due date falls in the period; a rate, ranked against the pooled company share. ${BASELINE} n = tasks with a baseline due date in the period. ${SAMPLE_NOTE}`,
    formula: '#{re-planned tasks} ÷ #{tasks: baselineDue in the period}',
  },
] as const satisfies readonly KpiSpec[];
