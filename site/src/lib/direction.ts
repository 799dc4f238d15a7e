import type { KpiDefinition } from '../../../functions/contract/documents.ts';
import { legacyDirection, type KpiDirection } from '../../../functions/contract/kpi-direction.ts';

/**
 * Which way a KPI is better, as its published definition says. The snapshot reader fills in
 * `direction` for definitions published before it existed; the fallback only serves a definition
 * built by hand.
 */
export const directionOf = (kpi: KpiDefinition): KpiDirection => kpi.direction ?? legacyDirection(kpi);

/** The direction in words, for definitions and captions. */
export function directionText(kpi: KpiDefinition): string {
  const direction = directionOf(kpi);
  if (direction === 'towardOne') return 'Best at 1 (closer is better, on either side)';
  return direction === 'higher' ? 'Higher is better' : 'Lower is better';
}

/** Best at 1 (a work ratio of 1 means estimates matched the hours): better is closer to 1, on either side. */
export const isBestAtOne = (kpi: KpiDefinition): boolean => directionOf(kpi) === 'towardOne';

/** A value on a scale where larger is better, whatever the KPI's direction. */
export function goodness(kpi: KpiDefinition, value: number): number {
  const direction = directionOf(kpi);
  if (direction === 'towardOne') return -Math.abs(value - 1);
  return direction === 'higher' ? value : -value;
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
