import type { AreaDefinition, KpiDefinition } from '../../contract/documents.ts';
import { deliveryKpis } from './delivery.ts';
import { baselineKpis } from './baseline.ts';
import { flowKpis, teamKpis } from './flow.ts';
import { isRanked, publishedDefinition, type AreaId, type KpiSpec } from './kpi-spec.ts';
import { DEFAULT_KPI_SETTINGS } from '../engine/settings.ts';

/**
 * The KPI catalogue: the one place each KPI is defined. The site shows `description` and
 * `formula` beside every chart, so the text here is the contract with the reader.
 */

/** Default small-sample n: below this many tasks a rate says little about the PM; the site greys it out. */
export const SMALL_SAMPLE_RATE = DEFAULT_KPI_SETTINGS.smallSampleN;
/** Hours need at least one time entry to mean anything. */
export const SMALL_SAMPLE_HOURS = 1;
export const DEFAULT_WINDOW_DAYS = DEFAULT_KPI_SETTINGS.windowDays;

/** Every KPI, in the order the site lists them: each count next to its size-normalised form. */
export const KPI_SPECS: readonly KpiSpec[] = [...deliveryKpis, ...baselineKpis, ...flowKpis, ...teamKpis];
/** The KPIs PMs are compared on: percentiles, signals, z-scores, areas and the weakest KPI. */
export const RANKED_SPECS: readonly KpiSpec[] = KPI_SPECS.filter(isRanked);

// A count in an area would let a PM with more projects score better or worse for size alone.
for (const spec of KPI_SPECS) if (spec.area && !isRanked(spec)) throw new Error(`KPI ${spec.id} is a count that grows with size and cannot belong to area ${spec.area}`);
export const KPI_IDS = KPI_SPECS.map((spec) => spec.id) as readonly KpiId[];
/**
 * The id of every KPI the engine computes, from the catalogue itself: adding a KPI to the
 * catalogue without its formula in manager-values.ts (which must return a value for every id)
 * does not compile.
 */
export type KpiId = (typeof deliveryKpis)[number]['id'] | (typeof baselineKpis)[number]['id'] | (typeof flowKpis)[number]['id'] | (typeof teamKpis)[number]['id'];

export const kpiDefinitions: readonly KpiDefinition[] = KPI_SPECS.map(publishedDefinition);

const AREA_NAMES: Record<AreaId, [string, string]> = {
  delivery: ['Delivery', 'Keeping dates: on-time delivery, slip and milestones.'],
  cost: ['Cost', 'Earned value and estimates: SPI, CPI and the work ratio.'],
  flow: ['Flow', 'How fast work moves once started: cycle and lead times.'],
  quality: ['Quality', 'Work that comes back: the reopen rate.'],
  team: ['Team', 'Load on the people: utilization, overtime and balance.'],
};

/**
 * Competency areas. A PM's score in an area is 100 + 15 × the mean of their direction-adjusted
 * z-scores (each clamped to ±3) over the area's KPIs: 100 is the company average, 115 one
 * standard deviation better. Only ranked KPIs belong to an area (checked above); counts that grow
 * with portfolio size (throughput, WIP, overdue tasks, hours) belong to none, and their
 * size-normalised forms are left out too, so the areas keep their meaning across snapshots.
 */
export const areaDefinitions: readonly AreaDefinition[] = (Object.keys(AREA_NAMES) as AreaId[]).map((id) => ({
  id,
  name: AREA_NAMES[id][0],
  description: `${AREA_NAMES[id][1]} Score 100 = company average, higher is better: 100 + 15 × mean z-score (direction-adjusted, rates shrunk, each within ±3).`,
  kpis: KPI_SPECS.filter((spec) => spec.area === id).map((spec) => spec.id),
}));

/** The alignment figures are not per-PM KPIs, but their definition is shown on the alignment page. */
export const alignmentDefinitions: readonly KpiDefinition[] = [
  {
    id: 'themeShare',
    name: 'Share of effort on a theme',
    unit: 'ratio',
    higherIsBetter: true,
    direction: 'higher',
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
    direction: 'lower',
    description:
      'How far the spread of effort is from the targets: half the sum of the absolute differences between actual and target ' +
      'share over the themes, with the unaligned share counted as a theme whose target is 0. ' +
      '0 means effort is exactly on target; 1 means none of it is where it was meant to go. ' +
      'With no hours at all, every actual share is 0, so the gap is half the sum of the targets. ' +
      'The company is judged against the company targets; a portfolio against its own where the config sets them ' +
      '(the company\'s for any theme it does not list); a PM against the targets of the portfolios the PM\'s hours went to, ' +
      'weighted by those hours.',
    formula: 'gap = ½ (Σ_themes |actual − target| + unalignedShare)',
  },
];
