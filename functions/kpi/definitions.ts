import type { KpiDefinition } from '../publish/documents.ts';

/**
 * The KPI catalogue: the one place each KPI is defined. The site shows `description` and
 * `formula` beside every chart, so the text here is the contract with the reader.
 */

/** Below this many tasks a rate says little about the PM; the site greys it out. */
export const SMALL_SAMPLE_RATE = 10;
/** Hours need at least one time entry to mean anything. */
export const SMALL_SAMPLE_HOURS = 1;
export const DEFAULT_WINDOW_DAYS = 90;

export const KPI_IDS = ['onTimeRate', 'hoursLogged', 'spi', 'cpi'] as const;
export type KpiId = (typeof KPI_IDS)[number];

export const kpiDefinitions: readonly KpiDefinition[] = [
  {
    id: 'onTimeRate',
    name: 'On-time delivery',
    unit: 'ratio',
    higherIsBetter: true,
    description:
      'Share of the tasks due in the window (on the projects the PM leads) that were done on or before their due date. ' +
      'A task due in the window that is not done by the as-of date counts as late. A task is done when its status is done ' +
      'and the source gives its completion time; the completion date is read in the source\'s own calendar. ' +
      `n = tasks due in the window; flagged as a small sample below ${SMALL_SAMPLE_RATE}.`,
    formula: 'tasks due in [asOf − windowDays + 1, asOf] with date(doneAt) ≤ dueOn ÷ tasks due in [asOf − windowDays + 1, asOf]',
  },
  {
    id: 'hoursLogged',
    name: 'Hours logged',
    unit: 'hours',
    higherIsBetter: true,
    description:
      'Hours of the time entries dated in the window on the projects the PM leads, whoever logged them. ' +
      `n = time entries; flagged as a small sample below ${SMALL_SAMPLE_HOURS}.`,
    formula: 'Σ hours of time entries with date in [asOf − windowDays + 1, asOf]',
  },
  {
    id: 'spi',
    name: 'Schedule performance (SPI)',
    unit: 'index',
    higherIsBetter: true,
    description:
      'Earned value in hours, cumulative to the as-of date, rule 0/100: a task earns its whole estimate when done, nothing before. ' +
      'PV = estimates of the tasks due on or before the as-of date; EV = estimates of the tasks done by the as-of date. ' +
      'For a PM, PV and EV are summed over the projects they lead before dividing (ratios are not averaged). ' +
      `Empty when PV is 0. n = tasks with an estimate; flagged as a small sample below ${SMALL_SAMPLE_RATE}.`,
    formula: 'SPI = EV ÷ PV',
  },
  {
    id: 'cpi',
    name: 'Cost performance (CPI)',
    unit: 'index',
    higherIsBetter: true,
    description:
      'Earned value in hours against the hours actually logged, cumulative to the as-of date. EV as for SPI; ' +
      'AC = hours of every time entry on the project dated on or before the as-of date. ' +
      'For a PM, EV and AC are summed over the projects they lead before dividing. ' +
      `Empty when AC is 0. n = tasks with an estimate; flagged as a small sample below ${SMALL_SAMPLE_RATE}.`,
    formula: 'CPI = EV ÷ AC',
  },
];

/** The alignment figures are not per-PM KPIs, but their definition is shown on the alignment page. */
export const alignmentDefinitions: readonly KpiDefinition[] = [
  {
    id: 'themeShare',
    name: 'Share of effort on a theme',
    unit: 'ratio',
    higherIsBetter: true,
    description:
      'Hours of the time entries dated in the window whose task belongs to the theme, over all hours in the window. ' +
      'A task belongs to the first theme, in configured order, that matches one of its tags or its project\'s tags, ' +
      'the project id, key or name, or the project\'s portfolio (all compared without regard to case). ' +
      'Hours matching no theme are unaligned.',
    formula: 'theme hours ÷ total hours',
  },
  {
    id: 'gapScore',
    name: 'Alignment gap',
    unit: 'ratio',
    higherIsBetter: false,
    description:
      'How far the spread of effort is from the targets: half the sum of the absolute differences between actual and target ' +
      'share over the themes, with the unaligned share counted as a theme whose target is 0. ' +
      '0 means effort is exactly on target; 1 means none of it is where it was meant to go. ' +
      'With no hours at all, every actual share is 0, so the gap is half the sum of the targets.',
    formula: 'gap = ½ (Σ_themes |actual − target| + unalignedShare)',
  },
];

export function isSmallSample(id: KpiId, n: number): boolean {
  return n < (id === 'hoursLogged' ? SMALL_SAMPLE_HOURS : SMALL_SAMPLE_RATE);
}
