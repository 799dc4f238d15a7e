import type { Forecast } from '../contract/forecasts-document.ts';
import { DEFAULT_MAX_WEEKS, histogramOf, probabilityWithin, simulateTrials, weeksAtConfidence, type SimulationResult } from './monte-carlo.ts';
import { seedFor, seededRandom } from '../runtime/random.ts';
import type { FlowTally } from './throughput.ts';
import { addDays, DAY_MS } from '../domain/days.ts';
import type { KpiUnit } from '../config/story-points.ts';
import { allUnpointedReason, unpointedFields } from './unpointed.ts';

export interface ForecastSettings {
  trials: number;
  historyWeeks: number;
  seed: number;
  /** Fewer items done in the history window than this: no forecast, the reason says why. */
  minDone: number;
  /** `kpi.unit`: what is resampled and counted down, tasks or their story points. */
  unit: KpiUnit;
}

export const defaultForecastSettings: ForecastSettings = { trials: 10_000, historyWeeks: 12, seed: 1, minDone: 5, unit: 'items' };


/** A project's forecast, with the weeks each trial took (null when nothing was simulated). */
export interface ProjectForecast {
  forecast: Forecast;
  trialWeeks: Uint16Array | null;
}

export function forecastProject(
  subject: { id: string; name: string },
  tally: FlowTally,
  asOf: string,
  settings: ForecastSettings,
): ProjectForecast {
  const weeklyThroughput = [...tally.weekly].reverse();
  // minDone counts tasks in either unit (in points, those with points): a few large tasks are still few.
  const doneInHistory = tally.doneItems;
  const base = { ...subject, remaining: tally.open, weeklyThroughput, dueOn: tally.latestDue ?? null, ...unpointedFields(tally, settings.unit) };
  const none = { p50: null, p85: null, p95: null, probabilityByDue: null, distribution: [] };
  if (tally.open === 0 && tally.unpointedOpen > 0) {
    return { forecast: { ...base, status: 'insufficient_history', reason: allUnpointedReason(tally.unpointedOpen), ...none }, trialWeeks: null };
  }
  if (tally.open === 0) {
    return { forecast: { ...base, status: 'done', p50: null, p85: null, p95: null, probabilityByDue: tally.latestDue ? 1 : null, distribution: [] }, trialWeeks: null };
  }
  if (doneInHistory < settings.minDone) {
    const what = `item${doneInHistory === 1 ? '' : 's'}${settings.unit === 'points' ? ' with story points' : ''}`;
    const reason = `only ${doneInHistory} ${what} done in the last ${settings.historyWeeks} weeks (at least ${settings.minDone} needed)`;
    return { forecast: { ...base, status: 'insufficient_history', reason, ...none }, trialWeeks: null };
  }
  const trialWeeks = simulateTrials({
    weeklyThroughput,
    remaining: tally.open,
    trials: settings.trials,
    random: seededRandom(seedFor(settings.seed, subject.id)),
  });
  const result = histogramOf(trialWeeks, DEFAULT_MAX_WEEKS);
  const probability = tally.latestDue ? probabilityWithin(result, weeksToDue(asOf, tally.latestDue)) : null;
  return { forecast: { ...base, ...simulatedOutcome(result, asOf, probability) }, trialWeeks };
}

/** Status, dates and distribution of a simulation, for a project or a roll-up. */
export function simulatedOutcome(result: SimulationResult, asOf: string, probabilityByDue: number | null) {
  const dateAt = (quantile: number) => {
    const weeks = weeksAtConfidence(result, quantile);
    return weeks === null ? null : addDays(asOf, weeks * 7);
  };
  return { status: 'ok' as const, p50: dateAt(0.5), p85: dateAt(0.85), p95: dateAt(0.95), probabilityByDue, distribution: cumulativeDistribution(result, asOf) };
}

/**
 * Week w ends at asOf + 7w days; finishing by the due date means ending in a week that ends by
 * then, i.e. within this many weeks (−1: due before asOf, no trial can make it).
 */
export function weeksToDue(asOf: string, dueOn: string): number {
  const days = (Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${asOf}T00:00:00Z`)) / DAY_MS;
  return days < 0 ? -1 : Math.floor(days / 7);
}

function cumulativeDistribution(result: SimulationResult, asOf: string): Forecast['distribution'] {
  const points: Forecast['distribution'] = [];
  let finished = 0;
  for (let weeks = 1; weeks < result.weeksHistogram.length; weeks++) {
    finished += result.weeksHistogram[weeks]!;
    points.push({ date: addDays(asOf, weeks * 7), cumulative: Math.round((finished / result.trials) * 10_000) / 10_000 });
    if (finished >= 0.99 * result.trials) break;
  }
  return points;
}
