import type { KpiDefinition } from '../publish/documents.ts';
import type { DriverKind } from './driver-picker.ts';

/**
 * What the engine needs to know about a KPI beyond its published definition: which way is better
 * (for percentiles and area scores), whether it is a binomial rate (shrinkage, funnel plots),
 * its competency area, its small-sample threshold and the driver tasks that explain it.
 */
export type Direction = 'higher' | 'lower' | 'towardOne';
export type AreaId = 'delivery' | 'cost' | 'flow' | 'team' | 'quality';

export interface KpiSpec extends KpiDefinition {
  direction: Direction;
  area?: AreaId;
  /** A share of successes among n trials: shrunk toward the company rate and drawn in a funnel plot. */
  rate?: boolean;
  /** Flag as a small sample below this n; undefined = the configured small-sample n. */
  smallBelow?: number;
  driver?: DriverKind;
}

/** A value to compare: larger is better whatever the KPI's direction. */
export function goodness(direction: Direction, value: number): number {
  if (direction === 'higher') return value;
  if (direction === 'lower') return -value;
  return -Math.abs(value - 1);
}

export const publishedDefinition = ({ id, name, unit, higherIsBetter, description, formula }: KpiSpec): KpiDefinition => ({
  id, name, unit, higherIsBetter, description, formula,
});

export const SAMPLE_NOTE = 'Flagged as a small sample below the configured small-sample n (default 10).';
