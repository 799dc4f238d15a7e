import type { KpiDefinition } from '../../contract/documents.ts';
import type { KpiDirection } from '../../contract/kpi-direction.ts';
import type { DriverKind } from '../engine/driver-picker.ts';

/**
 * What the engine needs to know about a KPI beyond its published definition: which way is better
 * (for percentiles and area scores), how PMs are compared on it (a rate, a size-normalised figure
 * or a count that is never ranked), its competency area, its small-sample threshold and the
 * driver tasks that explain it.
 */
export type Direction = KpiDirection;
export type AreaId = 'delivery' | 'cost' | 'flow' | 'team' | 'quality';

/**
 * - `rate`: successes ÷ n trials; shrunk toward the company rate, funnel limits p ± z√(p(1 − p)/n).
 * - `normalised`: a mean, percentile, index or ratio that does not grow with the PM's book of
 *   work; interval limits (see noise-limits.ts).
 * - `count`: grows with the size of the PM's work (tasks, hours, people). Published because a
 *   reader wants it, but never ranked: no percentile, no signal, no area, never the weakest KPI.
 */
export type Comparison = 'rate' | 'normalised' | 'count';

export interface KpiSpec extends Omit<KpiDefinition, 'comparison' | 'ranked' | 'direction'> {
  direction: Direction;
  comparison: Comparison;
  area?: AreaId;
  /** Flag as a small sample below this n; undefined = the configured small-sample n. */
  smallBelow?: number;
  driver?: DriverKind;
}

export const isRanked = (spec: { comparison: Comparison }): boolean => spec.comparison !== 'count';
export const isRate = (spec: { comparison: Comparison }): boolean => spec.comparison === 'rate';

/** A value to compare: larger is better whatever the KPI's direction. */
export function goodness(direction: Direction, value: number): number {
  if (direction === 'higher') return value;
  if (direction === 'lower') return -value;
  return -Math.abs(value - 1);
}

export const publishedDefinition = ({ id, name, unit, higherIsBetter, direction, description, formula, comparison }: KpiSpec): KpiDefinition => ({
  id, name, unit, higherIsBetter, direction, description, formula, comparison, ranked: comparison !== 'count',
});

export const SAMPLE_NOTE = 'Flagged as a small sample below the configured small-sample n (default 10).';
/** Said of every count: why it is published but not ranked. */
export const NOT_RANKED = 'Not ranked: it grows with the size of the PM\'s work, so it has no percentile, no signal and no area score.';
