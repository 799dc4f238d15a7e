import type { KpiDefinition } from '../../../functions/contract/documents.ts';

/**
 * KPIs that are best at 1 (a work ratio of 1 means estimates matched the hours), so "better" is
 * closer to 1 whichever side a value lies. The published definition only carries higherIsBetter,
 * which for these says which side is more common, not which is better.
 */
const BEST_AT_ONE: ReadonlySet<string> = new Set(['estimationAccuracy']);

export const isBestAtOne = (kpi: KpiDefinition): boolean => BEST_AT_ONE.has(kpi.id);

/** A value on a scale where larger is better, whatever the KPI's direction. */
export function goodness(kpi: KpiDefinition, value: number): number {
  if (BEST_AT_ONE.has(kpi.id)) return -Math.abs(value - 1);
  return kpi.higherIsBetter ? value : -value;
}

/** Whether a move from `before` to `after` is good news; 'same' for no change. */
export function judgeChange(kpi: KpiDefinition, before: number, after: number): 'better' | 'worse' | 'same' {
  const delta = goodness(kpi, after) - goodness(kpi, before);
  if (Math.abs(delta) < 1e-9) return 'same';
  return delta > 0 ? 'better' : 'worse';
}

/** Counts grow with the size of the PM's work: never ranked, never judged. */
export const isRanked = (kpi: KpiDefinition): boolean => kpi.ranked !== false && kpi.comparison !== 'count';

/** A share of n trials with successes: compared with a two-proportion test and funnel limits. */
export const isRate = (kpi: KpiDefinition): boolean => kpi.comparison === 'rate' || (kpi.comparison === undefined && kpi.unit === 'ratio');
