import { describe, expect, it } from 'vitest';
import { forecastProject, defaultForecastSettings } from '../../functions/forecast/index.ts';
import { distributionWeeks, finishSentence, throughputWeeks } from '../../site/src/lib/forecast-distribution.ts';

/**
 * One open item and a history of 12 weeks, one item done in every other week: each simulated week
 * finishes it with probability 1/2, so P(done within k weeks) = 1 − 2^−k, and the share finishing
 * in exactly week k is 2^−k. With 100,000 trials the published curve is within 0.01 of that
 * (about six standard errors). The curve stops at the first week with 99 % done: 1 − 2^−7 = 0.992.
 */
const asOf = '2026-06-30';
const weekly = [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0]; // weekly[0] is the week ending on asOf
const { forecast } = forecastProject({ id: 'p:A', name: 'A' }, { weekly, open: 1, doneItems: 6, openItems: 1, unpointedOpen: 0, unpointedDone: 0 }, asOf, { ...defaultForecastSettings, trials: 100_000 });

describe('a forecast distribution as the site draws it', () => {
  it('matches the hand-computed curve and histogram', () => {
    const weeks = distributionWeeks(forecast);
    expect(weeks.map((w) => w.date)).toEqual(['2026-07-07', '2026-07-14', '2026-07-21', '2026-07-28', '2026-08-04', '2026-08-11', '2026-08-18']);
    weeks.forEach((w, i) => {
      expect(w.cumulative).toBeCloseTo(1 - 2 ** -(i + 1), 2);
      expect(Math.abs(w.share - 2 ** -(i + 1))).toBeLessThan(0.01);
    });
    const shares = weeks.reduce((sum, w) => sum + w.share, 0);
    expect(shares).toBeCloseTo(weeks.at(-1)!.cumulative, 3);
  });

  it('dates the throughput history the trials drew from, oldest first, the last week ending on as-of', () => {
    const weeks = throughputWeeks(forecast, asOf);
    expect(weeks).toHaveLength(12);
    expect(weeks.at(-1)).toEqual({ weekEnding: asOf, done: 1 });
    expect(weeks[0]).toEqual({ weekEnding: '2026-04-14', done: 0 });
    expect(weeks.reduce((sum, w) => sum + w.done, 0)).toBe(6);
  });

  it('says when the work likely finishes in the words of the published dates', () => {
    // 85 %: the first k with 1 − 2^−k ≥ 0.85 is 3 (0.875); 95 %: 5 (0.969). (50 % sits on week 1's coin toss.)
    expect([forecast.p85, forecast.p95]).toEqual(['2026-07-21', '2026-08-04']);
    expect(finishSentence(forecast)).toBe(`1 open item will likely finish by 2026-07-21 (85 % of trials); 50 % finish by ${forecast.p50}, 95 % by 2026-08-04.`);
  });
});
