import type { Forecast } from '../../../functions/contract/forecasts-document.ts';
import { addDays } from '../../../functions/domain/days.ts';

/** One week of a forecast's distribution: the share of trials finishing in it, and by its end. */
export interface DistributionWeek {
  /** The last day of the week (as-of + 7 × weeks). */
  date: string;
  share: number;
  cumulative: number;
}

/**
 * The histogram behind a forecast's cumulative curve: the share of trials that finished in each
 * week is the step of the curve from the week before (the first step from 0). The published curve
 * stops at the week 99 % of trials are done by, so the shares add up to its last point.
 */
export function distributionWeeks(forecast: Pick<Forecast, 'distribution'>): DistributionWeek[] {
  let before = 0;
  return forecast.distribution.map(({ date, cumulative }) => {
    const share = Math.round((cumulative - before) * 10_000) / 10_000;
    before = cumulative;
    return { date, share, cumulative };
  });
}

/** One past week of throughput: the items done in the 7 days ending on `weekEnding`. */
export interface ThroughputWeek {
  weekEnding: string;
  done: number;
}

/**
 * The weekly throughput history the trials drew from, with the day each week ends: published
 * oldest first, the last week being the 7 days ending on the as-of day (docs/forecasts.md).
 */
export function throughputWeeks(forecast: Pick<Forecast, 'weeklyThroughput'>, asOf: string): ThroughputWeek[] {
  const weeks = forecast.weeklyThroughput;
  return weeks.map((done, i) => ({ weekEnding: addDays(asOf, -7 * (weeks.length - 1 - i)), done }));
}

/** The plain-language answer to "when will it likely finish?", from the published dates. */
export function finishSentence(forecast: Forecast): string {
  if (forecast.status === 'done') return 'Nothing is open: all its work is done.';
  if (forecast.status !== 'ok') return `No forecast: ${forecast.reason ?? 'too little throughput history'}.`;
  const items = `${forecast.remaining} open item${forecast.remaining === 1 ? '' : 's'}`;
  if (!forecast.p85) return `${items}: fewer than 85 % of the trials finish within ten years.`;
  return `${items} will likely finish by ${forecast.p85} (85 % of trials); 50 % finish by ${forecast.p50}, 95 % by ${forecast.p95 ?? 'no date within ten years'}.`;
}
