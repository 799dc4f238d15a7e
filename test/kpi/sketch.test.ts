import { describe, expect, it } from 'vitest';
import { EXACT_LIMIT, QuantileSketch, RELATIVE_ERROR } from '../../functions/kpi/structures/sketch.ts';

describe('QuantileSketch', () => {
  it('gives exact nearest-rank percentiles up to the exact limit', () => {
    const sketch = new QuantileSketch();
    for (const v of [5, 1, 4, 2, 3]) sketch.add(v);
    // Sorted 1 2 3 4 5: p50 = ⌈2.5⌉ = 3rd = 3; p85 = ⌈4.25⌉ = 5th = 5; p0 → the 1st.
    expect(sketch.quantile(0.5)).toBe(3);
    expect(sketch.quantile(0.85)).toBe(5);
    expect(sketch.quantile(0)).toBe(1);
    expect(new QuantileSketch().quantile(0.5)).toBeNull();
  });

  it('stays within its relative error once past the exact limit, zeros included', () => {
    const sketch = new QuantileSketch();
    const values = Array.from({ length: 10_000 }, (_, i) => (i % 10 === 0 ? 0 : (i * 7919) % 997 + 0.5));
    for (const v of values) sketch.add(v);
    const sorted = [...values].sort((a, b) => a - b);
    expect(sketch.count).toBeGreaterThan(EXACT_LIMIT);
    for (const q of [0.05, 0.5, 0.85, 0.99]) {
      const exact = sorted[Math.ceil(q * sorted.length) - 1] as number;
      const approx = sketch.quantile(q) as number;
      expect(Math.abs(approx - exact), `q=${q}`).toBeLessThanOrEqual(exact * RELATIVE_ERROR + 1e-12);
    }
    expect(sketch.quantile(0.05)).toBe(0); // 10 % of the values are 0
  });

  it('answers from values added after an earlier quantile', () => {
    const sketch = new QuantileSketch();
    for (const value of [5, 1, 3]) sketch.add(value);
    expect([sketch.quantile(0.5), sketch.quantile(1)]).toEqual([3, 5]);
    sketch.add(9);
    sketch.add(0.5);
    expect([sketch.quantile(0.5), sketch.quantile(1)]).toEqual([3, 9]); // 0.5, 1, 3, 5, 9
    expect(sketch.quantile(0.2)).toBe(0.5);
  });
});
