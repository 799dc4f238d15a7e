import type { EvmFigures } from '../engine/evm.ts';
import { ALL_PROJECTS_HOURS_KPIS, HOURS_KPIS } from '../catalogue/needs-hours.ts';
import type { RawValue } from './manager-values.ts';

/**
 * Figures that rest on hours, taken out where a source cannot give hours: null with the reason,
 * so they drop out of company figures and rankings instead of counting as 0 h of work.
 */

/** A PM's raw values with every hours KPI null and its reason (unchanged when `reason` is undefined). */
export function withoutHourKpis<T extends Record<string, RawValue>>(values: T, reason: string | undefined): T {
  if (reason === undefined) return values;
  const out: Record<string, RawValue> = { ...values };
  for (const id of HOURS_KPIS) if (id in out) out[id] = { value: null, n: 0, unavailable: reason };
  return out as T;
}

/**
 * Utilization and overtime unknown when a team member of the slot also has work where hours are
 * unavailable (`elsewhere` answers the reason for a person index, or undefined).
 */
export function withoutPartlySeenTeams<T extends Record<string, RawValue>>(values: T, members: ArrayLike<number>, elsewhere: ((person: number) => string | undefined) | undefined): T {
  if (!elsewhere) return values;
  let reason: string | undefined;
  for (let i = 0; i < members.length && reason === undefined; i++) reason = elsewhere(members[i] as number);
  if (reason === undefined) return values;
  const out: Record<string, RawValue> = { ...values };
  const why = `a team member also has work where hours are unavailable (${reason})`;
  for (const id of ALL_PROJECTS_HOURS_KPIS) if (id in out) out[id] = { value: null, n: 0, unavailable: why };
  return out as T;
}

/** Earned value without the figures built on actual cost (AC is hours): CPI, CV, EAC, ETC, VAC, TCPI. */
export function withoutHourEvm(evm: EvmFigures): EvmFigures {
  return { ...evm, cpi: null, cv: null, eac: null, etc: null, vac: null, tcpi: null };
}
