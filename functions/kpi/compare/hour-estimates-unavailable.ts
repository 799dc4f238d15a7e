import type { EvmFigures } from '../engine/evm.ts';
import { HOUR_ESTIMATE_KPIS } from '../catalogue/needs-hour-estimates.ts';
import type { Health } from '../../contract/documents.ts';
import type { RawValue } from './manager-values.ts';

/**
 * Figures that rest on estimates in hours, taken out where a source has none (no cost baseline):
 * null with the reason, so a project that plans and earns nothing is not read as spending for
 * nothing (CPI 0, off track), and its PM drops out of the company figures and rankings for them.
 */

/** A PM's raw values with every hour-estimate KPI null and its reason (unchanged when `reason` is undefined). */
export function withoutHourEstimateKpis<T extends Record<string, RawValue>>(values: T, reason: string | undefined): T {
  if (reason === undefined) return values;
  const out: Record<string, RawValue> = { ...values };
  for (const id of HOUR_ESTIMATE_KPIS) if (id in out) out[id] = { value: null, n: 0, unavailable: reason };
  return out as T;
}

/** Earned value without a baseline: BAC, PV and EV stay (0 h), AC stays; every ratio and variance built on them is null. */
export function withoutBaselineEvm(evm: EvmFigures): EvmFigures {
  return { ...evm, spi: null, cpi: null, sv: null, cv: null, eac: null, etc: null, vac: null, tcpi: null };
}

/** Health without a baseline: not reported, saying why (not "no planned value and no hours logged yet"). */
export function healthWithoutBaseline(reason: string): { health: Health; healthReason: string } {
  return { health: 'not_reported', healthReason: reason };
}

/** A portfolio's note when `missing` of its `projects` have no estimates in hours at their source. */
export function portfolioWithoutBaseline(missing: number, projects: number): string {
  return `the estimates of ${missing} of its ${projects} projects are not in hours at their source: no cost baseline`;
}
