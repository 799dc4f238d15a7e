import type { KpiDefinition, KpiValue } from '../../../functions/contract/documents.ts';
import { formatPercentile } from './format.ts';

/**
 * How a PM stands on a KPI against the company, in words. Order is only shown where the value
 * lies beyond the 95 % noise limits; inside them the percentile would imply a difference the
 * data cannot tell from chance. Counts that grow with size are not ranked at all. Snapshots
 * written before signals existed show the percentile as they did.
 */
export function standingLabel(kpi: KpiDefinition, v: KpiValue | undefined): string {
  if (kpi.ranked === false) return 'not ranked';
  if (!v || v.value === null) return '';
  if (v.signal === 'within') return 'within limits';
  const percentile = formatPercentile(v.percentile);
  if (v.signal === 'better' || v.signal === 'worse') return percentile ? `${v.signal}, ${percentile}` : v.signal;
  return percentile;
}

/** Why a KPI is not ranked, for a heading or a note. */
export const NOT_RANKED_NOTE = 'Not ranked: grows with size';
