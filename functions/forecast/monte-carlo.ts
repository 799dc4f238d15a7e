/**
 * Monte Carlo completion forecast from throughput history (as in jira-agile-metrics' burnup
 * forecast): each trial draws one past week's throughput at random, week after week, until the
 * remaining items are done. The spread of the trials' lengths is the forecast's uncertainty.
 */

export interface SimulationInput {
  /** Items done in each of the last weeks (the sample the trials draw from). */
  weeklyThroughput: readonly number[];
  remaining: number;
  trials: number;
  random: () => number;
  /** Trials longer than this many weeks stop there and count as "not within the horizon". */
  maxWeeks?: number;
}

export interface SimulationResult {
  /** weeksHistogram[w] = trials that finished in exactly w weeks (w ≥ 1). */
  weeksHistogram: number[];
  /** Trials that did not finish within maxWeeks. */
  unfinished: number;
  trials: number;
}

export function simulateCompletion(input: SimulationInput): SimulationResult {
  return histogramOf(simulateTrials(input), input.maxWeeks ?? DEFAULT_MAX_WEEKS);
}

export const DEFAULT_MAX_WEEKS = 520;

/**
 * Each trial's length in weeks, in trial order (maxWeeks + 1 = did not finish). Kept per trial so
 * that a portfolio can take, trial by trial, the latest of its projects' finishes.
 */
export function simulateTrials(input: SimulationInput): Uint16Array {
  const maxWeeks = input.maxWeeks ?? DEFAULT_MAX_WEEKS;
  const history = input.weeklyThroughput;
  const weeksOf = new Uint16Array(input.trials);
  for (let trial = 0; trial < input.trials; trial++) {
    let left = input.remaining;
    let weeks = 0;
    while (left > 0 && weeks < maxWeeks) {
      left -= history[Math.floor(input.random() * history.length)]!;
      weeks++;
    }
    weeksOf[trial] = left > 0 ? maxWeeks + 1 : weeks;
  }
  return weeksOf;
}

/** Counts trials by length; lengths above maxWeeks count as unfinished. */
export function histogramOf(weeksOf: Uint16Array, maxWeeks: number): SimulationResult {
  const histogram = new Array<number>(maxWeeks + 1).fill(0);
  let unfinished = 0;
  for (const weeks of weeksOf) {
    if (weeks > maxWeeks) unfinished++;
    else histogram[weeks]!++;
  }
  return { weeksHistogram: trimTrailingZeros(histogram), unfinished, trials: weeksOf.length };
}

/** Smallest number of weeks within which at least `quantile` of all trials finished. */
export function weeksAtConfidence(result: SimulationResult, quantile: number): number | null {
  const needed = Math.ceil(quantile * result.trials);
  let finished = 0;
  for (let weeks = 1; weeks < result.weeksHistogram.length; weeks++) {
    finished += result.weeksHistogram[weeks]!;
    if (finished >= needed) return weeks;
  }
  return null;
}

/** Share of trials that finished within `weeks` weeks. */
export function probabilityWithin(result: SimulationResult, weeks: number): number {
  let finished = 0;
  const last = Math.min(Math.floor(weeks), result.weeksHistogram.length - 1);
  for (let w = 1; w <= last; w++) finished += result.weeksHistogram[w]!;
  return result.trials === 0 ? 0 : finished / result.trials;
}

function trimTrailingZeros(values: number[]): number[] {
  let end = values.length;
  while (end > 1 && values[end - 1] === 0) end--;
  return values.slice(0, end);
}
