import type { KpiValue, Signal } from '../../contract/documents.ts';
import { pooledRate, Z95, Z998 } from './compare.ts';
import type { Direction } from '../catalogue/kpi-spec.ts';
import type { RawValue } from './manager-values.ts';

/**
 * Is a PM's value different from the company's by more than chance? Each ranked KPI gets a
 * target and a standard error at the PM's sample size; the deviation (value − target) ÷ se,
 * direction-adjusted so positive is better, is compared with the 95 % and 99.8 % limits: beyond
 * the 95 % limit better or worse, else within. Rates use the binomial funnel around the pooled
 * rate (limits at z); every other ranked KPI the interval of the other PMs (limits at Student's t,
 * as their spread is estimated from few PMs).
 */

export interface Interval {
  target: number;
  sd: number;
  /** Degrees of freedom of sd: the PMs it was estimated from, less one. */
  df: number;
}

export interface Standing {
  /** null when there is nothing to compare with (no limits at this PM's sample size). */
  deviation: number | null;
  signal: Signal;
  beyond998: boolean;
  /** What the value was compared with, on the KPI's comparison scale, and the standard error at its n. */
  target: number | null;
  se: number | null;
  /** How many standard errors the 95 % and 99.8 % limits lie from the target. */
  limit95: number | null;
  limit998: number | null;
}

/** Two-sided 95 % and 99.8 % quantiles of Student's t for 1…10 degrees of freedom (t 0.975 and 0.999). */
const T95 = [12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281];
const T998 = [318.3088, 22.3271, 10.2145, 7.1732, 5.8934, 5.2076, 4.7853, 4.5008, 4.2968, 4.1437];

/**
 * Student's t quantile for the 95 % or 99.8 % limits: the table up to 10 degrees of freedom, then
 * the Cornish–Fisher expansion in 1/df (Abramowitz & Stegun 26.7.5), within 0.0004 of the exact value.
 */
export function tLimit(z: number, df: number): number {
  if (df <= 10) return ((z === Z95 ? T95 : T998)[df - 1]) as number;
  const g1 = (z ** 3 + z) / 4;
  const g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96;
  const g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384;
  const g4 = (79 * z ** 9 + 776 * z ** 7 + 1482 * z ** 5 - 1920 * z ** 3 - 945 * z) / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}

/** The scale limits are drawn on: the value, or for a KPI best at 1 its distance from 1. */
const onScale = (direction: Direction, value: number): number => (direction === 'towardOne' ? Math.abs(value - 1) : value);

/** The amount the limits scale with: the KPI's weight where it has one, else n. */
export const weightOf = (raw: RawValue): number => raw.weight ?? raw.n;

/**
 * Interval limits from a set of PMs (for one PM: all the others, `except` it): over the k PMs with
 * a value and weight w > 0, target = Σ wᵢxᵢ ÷ Σ wᵢ and sd = √(Σ wᵢ(xᵢ − target)² ÷ (k − 1)). Each
 * PM's value is read as a mean of w items whose spread is estimated from the PMs' values, so real
 * differences between the PMs count as noise too: conservative. Fewer than two PMs: none.
 */
export function intervalLimits(raws: readonly RawValue[], direction: Direction, except = -1): Interval | undefined {
  let k = 0;
  let weights = 0;
  let weighted = 0;
  for (let i = 0; i < raws.length; i++) {
    const r = raws[i] as RawValue;
    if (i === except || r.value === null || !(weightOf(r) > 0)) continue;
    k++;
    weights += weightOf(r);
    weighted += weightOf(r) * onScale(direction, r.value);
  }
  if (k < 2) return undefined;
  const target = weighted / weights;
  let squares = 0;
  for (let i = 0; i < raws.length; i++) {
    const r = raws[i] as RawValue;
    if (i === except || r.value === null || !(weightOf(r) > 0)) continue;
    squares += weightOf(r) * (onScale(direction, r.value) - target) ** 2;
  }
  return { target, sd: Math.sqrt(squares / (k - 1)), df: k - 1 };
}

/** Standing of one value given the target, the standard error at its sample size and the limits in se. */
export function standingOf(direction: Direction, value: number, target: number, se: number, limit95 = Z95, limit998 = Z998): Standing {
  // A zero standard error means every PM has this value (a pooled rate of 0 or 1, or no spread at all).
  const raw = se > 0 ? (onScale(direction, value) - target) / se : 0;
  const deviation = direction === 'higher' ? raw : -raw;
  const signal: Signal = deviation > limit95 ? 'better' : deviation < -limit95 ? 'worse' : 'within';
  return { deviation, signal, beyond998: Math.abs(deviation) > limit998, target, se, limit95, limit998 };
}

const NOTHING_TO_COMPARE: Standing = { deviation: null, signal: 'within', beyond998: false, target: null, se: null, limit95: null, limit998: null };

/** Every PM's standing on a rate: against the pooled rate p, se = √(p(1 − p)/n), limits at z. */
export function rateStandings(raws: readonly RawValue[], direction: Direction): (Standing | undefined)[] {
  const p = pooledRate(raws);
  return raws.map((r) => {
    if (r.value === null) return undefined;
    if (p === undefined || r.n <= 0) return NOTHING_TO_COMPARE;
    return standingOf(direction, r.value, p, Math.sqrt((p * (1 - p)) / r.n));
  });
}

/**
 * Every PM's standing on a normalised KPI: against the interval of the other PMs (leave one
 * out), se = sd ÷ √w, limits at Student's t with their k − 1 degrees of freedom. Left out so
 * that an outlier does not widen its own limits: with the PM in, no |deviation| could exceed
 * √(k − 1) however extreme the value. Needs two other PMs, and a spread among them unless the
 * PM's value equals theirs.
 */
export function intervalStandings(raws: readonly RawValue[], direction: Direction): (Standing | undefined)[] {
  return raws.map((r, pm) => {
    if (r.value === null) return undefined;
    const w = weightOf(r);
    const limits = intervalLimits(raws, direction, pm);
    if (!limits || !(w > 0)) return NOTHING_TO_COMPARE;
    // The others all equal (e.g. nobody else's team works overtime): their spread says nothing
    // about noise, so a different value cannot be judged.
    if (limits.sd === 0 && onScale(direction, r.value) !== limits.target) return NOTHING_TO_COMPARE;
    return standingOf(direction, r.value, limits.target, limits.sd / Math.sqrt(w), tLimit(Z95, limits.df), tLimit(Z998, limits.df));
  });
}

/** How far a value lies beyond its 95 % limit on the bad side, in standard errors; 0 or less when it does not. */
export const shortfall = (standing: Standing | undefined): number =>
  standing?.deviation === null || standing?.deviation === undefined || standing.limit95 === null ? 0 : -standing.deviation - standing.limit95;

// `+ 0` turns −0 (a lower-is-better value right on its target) into 0, which JSON keeps the same.
const round = (x: number | null, places: number): number | null => (x === null ? null : Math.round(x * 10 ** places) / 10 ** places + 0);

/** The published fields of a standing: target and se to 4 decimals, deviation to 2, limits to 3. */
export const publishedStanding = (standing: Standing | undefined): Partial<KpiValue> =>
  standing
    ? {
        target: round(standing.target, 4),
        se: round(standing.se, 4),
        deviation: round(standing.deviation, 2),
        limit95: round(standing.limit95, 3),
        limit998: round(standing.limit998, 3),
        signal: standing.signal,
        beyond998: standing.beyond998,
      }
    : {};
