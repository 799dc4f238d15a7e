import type { KpiId } from './definitions.ts';

/**
 * The KPIs built on estimates in hours (planned and earned value, or estimate against spent).
 * Where a source has none (Linear's estimates are points), its tasks plan and earn nothing: a PM
 * with work there would read a CPI of 0 and an SPI of their other projects alone, so these are
 * null for such a PM, with the reason.
 */
export const HOUR_ESTIMATE_KPIS: ReadonlySet<KpiId> = new Set<KpiId>(['spi', 'cpi', 'estimationAccuracy']);
