import type { Signal } from '../publish/documents.ts';
import { pooledRate, Z95, Z998 } from './compare.ts';
import type { Direction } from './kpi-spec.ts';
import type { RawValue } from './manager-values.ts';

/**
 * Is a PM's value different from the company's by more than chance? Each ranked KPI gets a
 * target and a standard error at the PM's sample size; the deviation (value − target) ÷ se,
 * direction-adjusted so positive is better, is the signal: beyond ±1.96 better or worse, else
 * within. Rates use the binomial funnel; every other ranked KPI the interval below.
 */

export interface Interval {
  target: number;
  sd: number;
  scale: 'value' | 'distanceFromOne';
}

export interface Standing {
  /** null when there is nothing to compare with (no limits at this PM's sample size). */
  deviation: number | null;
  signal: Signal;
  beyond998: boolean;
}

/** The scale limits are drawn on: the value, or for a KPI best at 1 its distance from 1. */
export const scaleOf = (direction: Direction): Interval['scale'] => (direction === 'towardOne' ? 'distanceFromOne' : 'value');
const onScale = (direction: Direction, value: number): number => (direction === 'towardOne' ? Math.abs(value - 1) : value);

/** The amount the limits scale with: the KPI's weight where it has one, else n. */
export const weightOf = (raw: RawValue): number => raw.weight ?? raw.n;

/**
 * Interval limits for a KPI that is not a share: over the k PMs with a value and weight w > 0,
 * target = Σ wᵢxᵢ ÷ Σ wᵢ and sd = √(Σ wᵢ(xᵢ − target)² ÷ (k − 1)); the limits at w are
 * target ± z·sd ÷ √w. Each PM's value is read as a mean of w items whose spread is estimated
 * from the PMs' own values, so real differences between PMs count as noise too: conservative,
 * a PM is flagged only when it stands out from the weighted spread of all PMs. Fewer than two
 * PMs: no limits.
 */
export function intervalLimits(raws: readonly RawValue[], direction: Direction): Interval | undefined {
  let k = 0;
  let weights = 0;
  let weighted = 0;
  for (const r of raws) {
    if (r.value === null || !(weightOf(r) > 0)) continue;
    k++;
    weights += weightOf(r);
    weighted += weightOf(r) * onScale(direction, r.value);
  }
  if (k < 2) return undefined;
  const target = weighted / weights;
  let squares = 0;
  for (const r of raws) {
    if (r.value === null || !(weightOf(r) > 0)) continue;
    squares += weightOf(r) * (onScale(direction, r.value) - target) ** 2;
  }
  return { target, sd: Math.sqrt(squares / (k - 1)), scale: scaleOf(direction) };
}

/** Standing of one value given the target and the standard error at its sample size. */
export function standingOf(direction: Direction, value: number, target: number, se: number): Standing {
  // A zero standard error means every PM has the same value (a pooled rate of 0 or 1, or sd 0).
  const raw = se > 0 ? (onScale(direction, value) - target) / se : 0;
  const deviation = direction === 'higher' ? raw : -raw;
  const signal: Signal = deviation > Z95 ? 'better' : deviation < -Z95 ? 'worse' : 'within';
  return { deviation, signal, beyond998: Math.abs(deviation) > Z998 };
}

const NOTHING_TO_COMPARE: Standing = { deviation: null, signal: 'within', beyond998: false };

/** Every PM's standing on a rate: against the pooled rate p, se = √(p(1 − p)/n). */
export function rateStandings(raws: readonly RawValue[], direction: Direction): (Standing | undefined)[] {
  const p = pooledRate(raws);
  return raws.map((r) => {
    if (r.value === null) return undefined;
    if (p === undefined || r.n <= 0) return NOTHING_TO_COMPARE;
    return standingOf(direction, r.value, p, Math.sqrt((p * (1 - p)) / r.n));
  });
}

/** Every PM's standing on a normalised KPI against its interval limits (undefined without a value). */
export function intervalStandings(raws: readonly RawValue[], direction: Direction, interval: Interval | undefined): (Standing | undefined)[] {
  return raws.map((r) => {
    if (r.value === null) return undefined;
    const w = weightOf(r);
    if (!interval || !(w > 0)) return NOTHING_TO_COMPARE;
    return standingOf(direction, r.value, interval.target, interval.sd / Math.sqrt(w));
  });
}
