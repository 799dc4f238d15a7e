import type { CompanyStat } from '../../contract/documents.ts';
import type { RawValue } from './manager-values.ts';

/**
 * Comparing each PM with the company: spread of the PMs' values, empirical-Bayes shrinkage of
 * rates, and funnel-plot limits. All on raw (unrounded) values.
 */

/** Quantile with linear interpolation between order statistics (Hyndman & Fan type 7, as R and NumPy). */
export function quantile7(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * q;
  const lower = sorted[Math.floor(h)] as number;
  const upper = sorted[Math.ceil(h)] as number;
  return lower + (h - Math.floor(h)) * (upper - lower);
}

export function spread(values: readonly number[]): Omit<CompanyStat, 'funnel'> {
  const mean = values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;
  return { mean, median: quantile7(values, 0.5), p25: quantile7(values, 0.25), p75: quantile7(values, 0.75), n: values.length };
}

export interface BetaPrior {
  alpha: number;
  beta: number;
}

/**
 * Beta prior fitted to the PMs' rates by the method of moments: with m and v the mean and
 * (population) variance of the rates of PMs with n > 0, α + β = m(1 − m)/v − 1, α = m(α + β).
 * Undefined when there are fewer than two rates or no usable spread (v = 0, or v ≥ m(1 − m)):
 * then there is nothing to shrink toward and rates stay as they are.
 */
export function fitBetaPrior(rates: readonly RawValue[]): BetaPrior | undefined {
  const ps = rates.filter((r) => r.n > 0 && r.value !== null).map((r) => r.value as number);
  if (ps.length < 2) return undefined;
  const m = ps.reduce((sum, p) => sum + p, 0) / ps.length;
  const v = ps.reduce((sum, p) => sum + (p - m) ** 2, 0) / ps.length;
  if (v <= 0) return undefined;
  const strength = (m * (1 - m)) / v - 1;
  if (!(strength > 0)) return undefined;
  return { alpha: m * strength, beta: (1 - m) * strength };
}

export function shrink(raw: RawValue, prior: BetaPrior | undefined): number | null {
  if (raw.value === null || raw.n === 0) return null;
  if (!prior) return raw.value;
  return ((raw.successes ?? 0) + prior.alpha) / (raw.n + prior.alpha + prior.beta);
}

/** Two-sided normal quantiles of the 95 % and 99.8 % limits. */
export const Z95 = 1.959964;
export const Z998 = 3.090232;
const ROUND_NUMBERS = [1, 2, 5];

/**
 * Funnel limits around the pooled rate Σ successes ÷ Σ n, at every PM's n and at 1, 2, 5, 10, 20…
 * up to the largest n, so the funnel is drawn smoothly: p ± z·√(p(1 − p)/n), clamped to [0, 1].
 */
export function funnel(rates: readonly RawValue[]): CompanyStat['funnel'] {
  const p = pooledRate(rates);
  if (p === undefined) return undefined;
  const used = rates.filter((r) => r.n > 0);
  const maxN = Math.max(...used.map((r) => r.n));
  const sizes = new Set(used.map((r) => r.n));
  for (let decade = 1; decade <= maxN; decade *= 10) for (const k of ROUND_NUMBERS) if (k * decade <= maxN) sizes.add(k * decade);
  const clamp = (x: number): number => Math.min(1, Math.max(0, x));
  const limits = [...sizes].sort((a, b) => a - b).map((n) => {
    const se = Math.sqrt((p * (1 - p)) / n);
    return { n, lower95: clamp(p - Z95 * se), upper95: clamp(p + Z95 * se), lower998: clamp(p - Z998 * se), upper998: clamp(p + Z998 * se) };
  });
  return { target: p, limits };
}

/** Σ successes ÷ Σ n over the PMs with n > 0; undefined without any trial. */
export function pooledRate(rates: readonly RawValue[]): number | undefined {
  let trials = 0;
  let successes = 0;
  for (const r of rates) {
    if (r.n <= 0) continue;
    trials += r.n;
    successes += r.successes ?? 0;
  }
  return trials === 0 ? undefined : successes / trials;
}

/** Share of PMs with a value whose goodness this one beats or ties, 0..100 (100 = best). */
export function percentiles(goodness: readonly (number | null)[]): (number | null)[] {
  const present = goodness.filter((g): g is number => g !== null);
  return goodness.map((g) => (g === null ? null : (100 * present.filter((other) => other <= g).length) / present.length));
}
