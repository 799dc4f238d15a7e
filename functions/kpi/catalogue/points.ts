import type { KpiUnit } from '../../config/story-points.ts';
import { flowKpis } from './flow.ts';
import { NOT_RANKED, SAMPLE_NOTE, type KpiSpec } from './kpi-spec.ts';

/**
 * The throughput KPIs when `kpi.unit` is `points`: the same ids, comparison and direction, counting
 * story points instead of tasks. Tasks done without points are left out of the value and counted
 * apart (`unpointed`, `unpointedShare` on each value), so a reader sees how much of the work the
 * figure does not cover. Everything else in the catalogue is the same in both units.
 */
const UNPOINTED = 'Tasks done in the period without story points are left out of the value and published beside it as unpointed (their number) and unpointedShare (their share of the tasks done).';

const byId = new Map<string, KpiSpec>(flowKpis.map((spec) => [spec.id, spec]));

export const pointsKpis: readonly KpiSpec[] = [
  {
    ...byId.get('throughput')!,
    name: 'Throughput (story points)',
    description: `Story points of the tasks done in the period per week (7 days) of the period; the current period counts up to the as-of date. n = tasks done with story points. ${UNPOINTED} ${NOT_RANKED} Its ranked form is Throughput per person-week.`,
    formula: 'Σ story points of tasks done in the period ÷ (days in the period ÷ 7)',
  },
  {
    ...byId.get('throughputPerPersonWeek')!,
    name: 'Throughput per person-week (story points)',
    description: `Story points of the tasks done in the period per person-week the team spent on the PM's projects: each person's hours on them in the period ÷ their weekly capacity (default 40, configurable), summed. The size-normalised form of Throughput. Empty when nobody logged time. n = tasks done with story points; its noise limits scale with the person-weeks (published as weight). ${UNPOINTED} ${SAMPLE_NOTE}`,
    formula: 'Σ story points of tasks done in the period ÷ Σ_team (hours on the PM\'s projects ÷ capacity per week)',
  },
];

const pointsById = new Map(pointsKpis.map((spec) => [spec.id, spec]));

/** The catalogue in a unit: with `points`, the throughput specs are the ones above. */
export function specsInUnit(specs: readonly KpiSpec[], unit: KpiUnit): readonly KpiSpec[] {
  return unit === 'items' ? specs : specs.map((spec) => pointsById.get(spec.id) ?? spec);
}
