import type { KpiDefinition, KpiValue } from '../../../functions/contract/documents.ts';
import { isBestAtOne } from './direction.ts';

export type LimitPosition = 'above' | 'within' | 'below';

/**
 * Where a PM's value lies against the company's 95 % noise limits, in the value's own direction
 * (above the upper limit, below the lower one), from the published signal: `better`/`worse` are
 * direction-adjusted, so a better value of a lower-is-better KPI lies below. Undefined without a
 * signal (a count, no value, or a snapshot from before signals).
 */
export function limitPosition(kpi: KpiDefinition, v: KpiValue | undefined): LimitPosition | undefined {
  if (!v || v.value === null || !v.signal) return undefined;
  if (v.signal === 'within') return 'within';
  // Best at 1: the limits lie around 1 ± the others' distance from it, so the side is the side of 1.
  if (isBestAtOne(kpi)) return v.value > 1 ? 'above' : 'below';
  if (v.target === null || v.target === undefined) return (v.signal === 'better') === kpi.higherIsBetter ? 'above' : 'below';
  return v.value > v.target ? 'above' : 'below';
}

/** "above (better)", "below (worse)", "within": the position and what it means for this KPI. */
export function limitWords(kpi: KpiDefinition, v: KpiValue | undefined): string {
  const position = limitPosition(kpi, v);
  if (!position) return '';
  return position === 'within' ? 'within' : `${position} (${v!.signal})`;
}
