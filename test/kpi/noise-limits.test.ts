import { describe, expect, it } from 'vitest';
import { weakestKpi } from '../../functions/kpi/areas.ts';
import { intervalLimits, intervalStandings, rateStandings, type Standing } from '../../functions/kpi/noise-limits.ts';
import type { RawValue } from '../../functions/kpi/manager-values.ts';

/**
 * Noise limits and the weakest KPI. Expected figures are worked by hand in the comments, or by
 * `simpleDeviations`, a deliberately plain second implementation of the interval method.
 */

/** Interval method written out plainly: target = Σnx/Σn, sd = √(Σn(x − target)²/(k − 1)), deviation = (x − target)/(sd/√n). */
function simpleDeviations(xs: number[], ns: number[]): number[] {
  let sumN = 0;
  let sumNX = 0;
  for (let i = 0; i < xs.length; i++) {
    sumN += ns[i]!;
    sumNX += ns[i]! * xs[i]!;
  }
  const target = sumNX / sumN;
  let squares = 0;
  for (let i = 0; i < xs.length; i++) squares += ns[i]! * (xs[i]! - target) ** 2;
  const sd = Math.sqrt(squares / (xs.length - 1));
  return xs.map((x, i) => (x - target) / (sd / Math.sqrt(ns[i]!)));
}

const raws = (xs: number[], ns: number[]): RawValue[] => xs.map((value, i) => ({ value, n: ns[i]! }));
const oneKpi = (id: string, standing: Standing | undefined) => new Map([[id, standing]]);

describe('noise limits', () => {
  it('works the interval limits of a mean out by hand', () => {
    // Values 2, 4, 6 days with n 10, 10, 20: target = (20 + 40 + 120)/40 = 4.5;
    // Σ n(x − 4.5)² = 10 × 6.25 + 10 × 0.25 + 20 × 2.25 = 110; sd = √(110/2) = √55 = 7.416198.
    const own = raws([2, 4, 6], [10, 10, 20]);
    const interval = intervalLimits(own, 'lower');
    expect(interval?.target).toBe(4.5);
    expect(interval?.sd).toBeCloseTo(7.416198, 6);
    expect(interval?.scale).toBe('value');
    // At n = 10: se = 7.416198/√10 = 2.345208; 95 % limits 4.5 ± 1.959964 × 2.345208 = 4.5 ± 4.596523.
    // The PM at 2 days: (2 − 4.5)/2.345208 = −1.066; lower is better, so deviation +1.066: within.
    const [first, , third] = intervalStandings(own, 'lower', interval);
    expect(first?.deviation).toBeCloseTo(1.066, 3);
    expect(first?.signal).toBe('within');
    // The PM at 6 days, n 20: se = 7.416198/√20 = 1.658312; (6 − 4.5)/1.658312 = 0.9045 → deviation −0.9045.
    expect(third?.deviation).toBeCloseTo(-0.9045, 4);
  });

  it('measures a KPI best at 1 by its distance from 1', () => {
    // Work ratios 1.2, 0.9, 1.0 with n 4, 4, 2 → distances 0.2, 0.1, 0; target (0.8 + 0.4 + 0)/10 = 0.12;
    // Σ n(d − 0.12)² = 4 × 0.0064 + 4 × 0.0004 + 2 × 0.0144 = 0.056; sd = √(0.056/2) = 0.167332.
    const own = raws([1.2, 0.9, 1.0], [4, 4, 2]);
    const interval = intervalLimits(own, 'towardOne');
    expect(interval?.target).toBeCloseTo(0.12, 10);
    expect(interval?.sd).toBeCloseTo(0.167332, 6);
    expect(interval?.scale).toBe('distanceFromOne');
    // 1.2: −(0.2 − 0.12)/(0.167332/2) = −0.9562; 1.0: −(0 − 0.12)/(0.167332/√2) = +1.0142.
    const [over, , exact] = intervalStandings(own, 'towardOne', interval);
    expect(over?.deviation).toBeCloseTo(-0.9562, 4);
    expect(exact?.deviation).toBeCloseTo(1.0142, 4);
  });

  it('has no limits with fewer than two PMs, and publishes no standing without a value', () => {
    const own: RawValue[] = [{ value: 3, n: 5 }, { value: null, n: 0 }];
    expect(intervalLimits(own, 'lower')).toBeUndefined();
    expect(intervalStandings(own, 'lower', undefined)).toEqual([{ deviation: null, signal: 'within', beyond998: false }, undefined]);
  });

  it('keeps SPI 1.07 and 1.11 among 12 PMs within the limits, so neither is the weakest', () => {
    const spi = [0.88, 0.92, 0.95, 0.97, 0.99, 1.0, 1.02, 1.04, 1.07, 1.11, 1.13, 1.16];
    const n = [42, 55, 36, 60, 48, 40, 52, 44, 38, 46, 34, 50];
    const own = raws(spi, n);
    const standings = intervalStandings(own, 'higher', intervalLimits(own, 'higher'));
    const expected = simpleDeviations(spi, n);
    // By the plain implementation: target 1.017284, sd 0.574566; 1.07 at n 38 → +0.566, 1.11 at n 46 → +1.094.
    standings.forEach((s, i) => expect(s?.deviation).toBeCloseTo(expected[i]!, 10));
    expect(standings[8]?.deviation).toBeCloseTo(0.566, 3);
    expect(standings[9]?.deviation).toBeCloseTo(1.094, 3);
    // Percentiles would put them 8 points apart (P75 and P83.3); the limits say the gap is noise.
    expect(standings[8]?.signal).toBe('within');
    expect(standings[9]?.signal).toBe('within');
    // Every PM lies within (largest |deviation| 1.756 for 1.16), so nobody has a weakest KPI on SPI.
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
    expect(standings[0]).toMatchObject({ signal: 'worse', beyond998: true });
    // 18/20: +0.1/0.0894427 = 1.118; 17/20: 0.559: both within.
    expect(standings[1]).toMatchObject({ signal: 'within', beyond998: false });
    expect(standings[1]?.deviation).toBeCloseTo(1.118, 3);
    expect(standings[4]?.signal).toBe('within');
    // Beside a slightly worse SPI (−2.5: beyond 95 % too, but by less), on-time is the weakest.
    const pm = new Map<string, Standing | undefined>([
      ['spi', { deviation: -2.5, signal: 'worse', beyond998: false }],
      ['onTimeRate', standings[0]],
      ['cpi', { deviation: 0.4, signal: 'within', beyond998: false }],
    ]);
    expect(weakestKpi([{ id: 'spi' }, { id: 'onTimeRate' }, { id: 'cpi' }], pm)).toEqual({ spec: { id: 'onTimeRate' }, deviation: standings[0]!.deviation });
  });

  it('treats a deviation of exactly −1.96 as within: the weakest lies beyond the limit', () => {
    const pm = oneKpi('spi', { deviation: -1.959964, signal: 'within', beyond998: false });
    expect(weakestKpi([{ id: 'spi' }], pm)).toBeUndefined();
  });
});
