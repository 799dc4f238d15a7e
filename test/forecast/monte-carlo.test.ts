import { describe, expect, it } from 'vitest';
import { probabilityWithin, simulateCompletion, weeksAtConfidence } from '../../functions/forecast/index.ts';
import { seededRandom } from '../../functions/runtime/random.ts';

describe('simulateCompletion', () => {
  it('gives one certain length for a constant throughput', () => {
    // 10 items at 3 a week: ceil(10 / 3) = 4 weeks in every trial.
    const result = simulateCompletion({ weeklyThroughput: [3, 3, 3, 3], remaining: 10, trials: 1000, random: seededRandom(7) });
    expect(result.weeksHistogram[4]).toBe(1000);
    expect(weeksAtConfidence(result, 0.5)).toBe(4);
    expect(weeksAtConfidence(result, 0.95)).toBe(4);
    expect(probabilityWithin(result, 3)).toBe(0);
    expect(probabilityWithin(result, 4)).toBe(1);
  });

  it('matches the geometric closed form for one item and a 60 % chance per week', () => {
    // History [0,0,1,1,1]: a week finishes the single item with p = 3/5, so P(W ≤ k) = 1 − 0.4^k:
    // k=1: 0.6, k=2: 0.84, k=3: 0.936, k=4: 0.9744. Hence P50 = 1, P85 = 3, P95 = 4 weeks.
    const result = simulateCompletion({ weeklyThroughput: [0, 0, 1, 1, 1], remaining: 1, trials: 100_000, random: seededRandom(11) });
    expect(weeksAtConfidence(result, 0.5)).toBe(1);
    expect(weeksAtConfidence(result, 0.85)).toBe(3);
    expect(weeksAtConfidence(result, 0.95)).toBe(4);
    expect(probabilityWithin(result, 1)).toBeCloseTo(0.6, 2);
    expect(probabilityWithin(result, 2)).toBeCloseTo(0.84, 2);
    expect(probabilityWithin(result, 3)).toBeCloseTo(0.936, 2);
  });

  it('is reproducible for a seed and stops at the horizon when nothing is ever done', () => {
    const run = (seed: number) => simulateCompletion({ weeklyThroughput: [0, 2, 5, 1], remaining: 30, trials: 2000, random: seededRandom(seed) });
    expect(run(3)).toEqual(run(3));
    expect(run(3).weeksHistogram).not.toEqual(run(4).weeksHistogram);
    const stuck = simulateCompletion({ weeklyThroughput: [0, 0], remaining: 1, trials: 10, random: seededRandom(1), maxWeeks: 5 });
    expect(stuck.unfinished).toBe(10);
    expect(weeksAtConfidence(stuck, 0.5)).toBeNull();
  });
});
