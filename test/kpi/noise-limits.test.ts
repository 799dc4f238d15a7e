import { describe, expect, it } from 'vitest';
import { weakestKpi } from '../../functions/kpi/compare/areas.ts';
import { intervalLimits, intervalStandings, rateStandings, tLimit, type Standing } from '../../functions/kpi/compare/noise-limits.ts';
import type { RawValue } from '../../functions/kpi/compare/manager-values.ts';

/**
 * Noise limits and the weakest KPI. Expected figures are worked by hand in the comments, or by
 * `simpleDeviations`, a deliberately plain second implementation of the interval method.
 */

/**
 * Interval method written out plainly: for PM j, over the other PMs, target = Σnx/Σn,
 * sd = √(Σn(x − target)²/(k − 1)); deviation = (x_j − target)/(sd/√n_j), higher is better.
 */
function simpleDeviations(xs: number[], ns: number[]): number[] {
  return xs.map((xj, j) => {
    let sumN = 0;
    let sumNX = 0;
    let k = 0;
    for (let i = 0; i < xs.length; i++) {
      if (i === j) continue;
      k++;
      sumN += ns[i]!;
      sumNX += ns[i]! * xs[i]!;
    }
    const target = sumNX / sumN;
    let squares = 0;
    for (let i = 0; i < xs.length; i++) if (i !== j) squares += ns[i]! * (xs[i]! - target) ** 2;
    const sd = Math.sqrt(squares / (k - 1));
    return (xj - target) / (sd / Math.sqrt(ns[j]!));
  });
}

const raws = (xs: number[], ns: number[]): RawValue[] => xs.map((value, i) => ({ value, n: ns[i]! }));
const oneKpi = (id: string, standing: Standing | undefined) => new Map([[id, standing]]);

describe('noise limits', () => {
  it('works the interval limits of a mean out by hand, each PM against the others', () => {
    // Average slip 3, 4, 5, 4 and 12 days, each over n = 10 tasks (lower is better).
    const own = raws([3, 4, 5, 4, 12], [10, 10, 10, 10, 10]);
    // The PM at 12 against the other four: target = 40 × 4/40 = 4; Σ n(x − 4)² = 10 × (1 + 0 + 1 + 0) = 20;
    // sd = √(20/3) = 2.581989 (3 degrees of freedom).
    const others = intervalLimits(own, 'lower', 4);
    expect(others).toMatchObject({ target: 4, df: 3 });
    expect(others?.sd).toBeCloseTo(2.581989, 6);
    // se = 2.581989/√10 = 0.816497; t(0.975, 3) = 3.1824 → 95 % limits 4 ± 2.5984 = [1.4016, 6.5984];
    // 12 lies above: deviation −(12 − 4)/0.816497 = −9.798, worse; t(0.999, 3) = 10.2145, so not beyond 99.8 %.
    const standings = intervalStandings(own, 'lower');
    expect(standings[4]?.target).toBe(4);
    expect(standings[4]?.se).toBeCloseTo(0.816497, 6);
    expect(standings[4]?.limit95).toBe(3.1824);
    expect(standings[4]?.deviation).toBeCloseTo(-9.798, 3);
    expect(standings[4]).toMatchObject({ signal: 'worse', beyond998: false });
    // The PM at 3 against 4, 5, 4, 12: target 6.25; Σ n(x − t)² = 10 × (2.25² + 1.25² + 2.25² + 5.75²) = 447.5;
    // sd = √(447.5/3) = 12.213517; se = 3.862210; deviation +(6.25 − 3)/3.862210 = +0.8415: within.
    expect(standings[0]?.target).toBe(6.25);
    expect(standings[0]?.deviation).toBeCloseTo(0.8415, 4);
    expect(standings[0]?.signal).toBe('within');
  });

  it('does not let an outlier widen its own limits', () => {
    // With the PM at 12 among all five: target 5.6, sd = √(10 × (2.6² + 1.6² + 0.6² + 1.6² + 6.4²)/4) = √133 = 11.5326,
    // se 3.6469, deviation −6.4/3.6469 = −1.755: inside even the normal 95 % limit. No PM of five can pass √4 = 2.
    const own = raws([3, 4, 5, 4, 12], [10, 10, 10, 10, 10]);
    const all = intervalLimits(own, 'lower');
    const inclusive = (12 - all!.target) / (all!.sd / Math.sqrt(10));
    expect(inclusive).toBeCloseTo(1.755, 3);
    expect(intervalStandings(own, 'lower')[4]?.signal).toBe('worse');
  });

  it('measures a KPI best at 1 by its distance from 1', () => {
    // Work ratios 1.2, 0.9, 1.0, 1.05 with n 4, 4, 2, 6. For 1.2 (distance 0.2) the others' distances are
    // 0.1, 0, 0.05: target (0.4 + 0 + 0.3)/12 = 0.058333; Σ n(d − t)² = 4 × 0.041667² + 2 × 0.058333² + 6 × 0.008333²
    // = 0.006944 + 0.006806 + 0.000417 = 0.014167; sd = √(0.014167/2) = 0.084163; se = 0.084163/2 = 0.042081;
    // deviation −(0.2 − 0.058333)/0.042081 = −3.3665. Two degrees of freedom: t(0.975, 2) = 4.3027, so within.
    const own = raws([1.2, 0.9, 1.0, 1.05], [4, 4, 2, 6]);
    const [over] = intervalStandings(own, 'towardOne');
    expect(over?.target).toBeCloseTo(0.058333, 6);
    expect(over?.se).toBeCloseTo(0.042081, 6);
    expect(over?.deviation).toBeCloseTo(-3.3665, 4);
    expect(over).toMatchObject({ signal: 'within', limit95: 4.3027, limit998: 22.3271 });
  });

  it('takes Student\'s t quantiles within 0.0005 of a numerical integration', () => {
    // Second implementation: the t density is proportional to (1 + t²/df)^(−(df + 1)/2); substituting
    // t = tan u makes the range finite, Simpson's rule integrates it, normalised by its integral over all t.
    const area = (to: number, df: number): number => {
      const steps = 4000;
      const h = to / steps;
      // (1 + tan²u/df)^(−(df + 1)/2) · sec²u, written in cos and sin so that u = π/2 is finite.
      const f = (u: number) => Math.max(0, Math.cos(u)) ** (df - 1) * (Math.cos(u) ** 2 + Math.sin(u) ** 2 / df) ** (-(df + 1) / 2);
      let sum = f(0) + f(to);
      for (let i = 1; i < steps; i++) sum += (i % 2 ? 4 : 2) * f(i * h);
      return (sum * h) / 3;
    };
    const cdf = (t: number, df: number): number => 0.5 + (0.5 * area(Math.atan(t), df)) / area(Math.PI / 2, df);
    const quantile = (p: number, df: number): number => {
      let lo = 0;
      let hi = 400;
      for (let i = 0; i < 60; i++) {
        const mid = (lo + hi) / 2;
        if (cdf(mid, df) < p) lo = mid;
        else hi = mid;
      }
      return lo;
    };
    for (const df of [1, 2, 3, 5, 10, 11, 15, 30, 120]) {
      expect(Math.abs(tLimit(1.959964, df) - quantile(0.975, df)), `95 %, df ${df}`).toBeLessThan(5e-4);
      expect(Math.abs(tLimit(3.090232, df) - quantile(0.999, df)), `99.8 %, df ${df}`).toBeLessThan(5e-4);
    }
  });

  it('has no limits with fewer than two other PMs, and publishes no standing without a value', () => {
    const own: RawValue[] = [{ value: 3, n: 5 }, { value: 4, n: 5 }, { value: null, n: 0 }];
    expect(intervalStandings(own, 'lower')).toEqual([
      { deviation: null, signal: 'within', beyond998: false, target: null, se: null, limit95: null, limit998: null },
      { deviation: null, signal: 'within', beyond998: false, target: null, se: null, limit95: null, limit998: null },
      undefined,
    ]);
  });

  it('keeps SPI 1.07 and 1.11 among 12 PMs within the limits, so neither is the weakest', () => {
    const spi = [0.88, 0.92, 0.95, 0.97, 0.99, 1.0, 1.02, 1.04, 1.07, 1.11, 1.13, 1.16];
    const n = [42, 55, 36, 60, 48, 40, 52, 44, 38, 46, 34, 50];
    const own = raws(spi, n);
    const standings = intervalStandings(own, 'higher');
    const expected = simpleDeviations(spi, n);
    // By the plain implementation: 1.07 at n 38 against the other 11 (target 1.013333, sd 0.593116) → +0.589;
    // 1.11 at n 46 (target 1.008737, sd 0.565642) → +1.214. Limits at t(0.975, 10) = 2.2281.
    standings.forEach((s, i) => expect(s?.deviation).toBeCloseTo(expected[i]!, 10));
    expect(standings[8]?.deviation).toBeCloseTo(0.589, 3);
    expect(standings[9]?.deviation).toBeCloseTo(1.214, 3);
    expect(standings[9]?.limit95).toBe(2.2281);
    // Percentiles would put them 8 points apart (P75 and P83.3); the limits say the gap is noise.
    expect(standings[8]?.signal).toBe('within');
    expect(standings[9]?.signal).toBe('within');
    // Every PM lies within (the largest, 1.16 at n 50, +2.218 < 2.2281), so nobody has a weakest KPI.
    expect(standings.every((s) => s?.signal === 'within')).toBe(true);
    expect(weakestKpi([{ id: 'spi' }], oneKpi('spi', standings[8]))).toBeUndefined();
    expect(weakestKpi([{ id: 'spi' }], oneKpi('spi', standings[9]))).toBeUndefined();
  });

  it('flags on-time 2/20 against a pooled 80 % as worse beyond the 99.8 % limit, and as the weakest KPI', () => {
    // One PM 2/20, three 18/20 and eight 17/20: pooled (2 + 54 + 136)/240 = 192/240 = 0.8.
    const own: RawValue[] = [
      { value: 0.1, n: 20, successes: 2 },
      ...Array.from({ length: 3 }, () => ({ value: 0.9, n: 20, successes: 18 })),
      ...Array.from({ length: 8 }, () => ({ value: 0.85, n: 20, successes: 17 })),
    ];
    const standings = rateStandings(own, 'higher');
    // se = √(0.8 × 0.2/20) = 0.0894427; (0.1 − 0.8)/0.0894427 = −7.8262 < −3.090232.
    expect(standings[0]?.deviation).toBeCloseTo(-7.8262, 4);
    expect(standings[0]?.target).toBeCloseTo(0.8, 12);
    expect(standings[0]?.se).toBeCloseTo(0.0894427, 7);
    expect(standings[0]).toMatchObject({ signal: 'worse', beyond998: true });
    // 18/20: +0.1/0.0894427 = 1.118; 17/20: 0.559: both within.
    expect(standings[1]).toMatchObject({ signal: 'within', beyond998: false });
    expect(standings[1]?.deviation).toBeCloseTo(1.118, 3);
    expect(standings[4]?.signal).toBe('within');
    // Beside a worse SPI (−2.5: 0.54 se beyond its limit), on-time (7.8262 − 1.959964 = 5.8663 se beyond) is the weakest.
    const pm = new Map<string, Standing | undefined>([
      ['spi', { deviation: -2.5, signal: 'worse', beyond998: false, target: 1, se: 0.04, limit95: 1.96, limit998: 3.09 }],
      ['onTimeRate', standings[0]],
      ['cpi', { deviation: 0.4, signal: 'within', beyond998: false, target: 1, se: 0.05, limit95: 1.96, limit998: 3.09 }],
    ]);
    const weakest = weakestKpi([{ id: 'spi' }, { id: 'onTimeRate' }, { id: 'cpi' }], pm);
    expect(weakest?.spec.id).toBe('onTimeRate');
    expect(weakest?.beyond).toBeCloseTo(5.8663, 4);
  });

  it('treats a deviation of exactly −1.96 as within: the weakest lies beyond the limit', () => {
    const pm = oneKpi('spi', { deviation: -1.959964, signal: 'within', beyond998: false, target: 1, se: 0.05, limit95: 1.959964, limit998: 3.090232 });
    expect(weakestKpi([{ id: 'spi' }], pm)).toBeUndefined();
  });
});
