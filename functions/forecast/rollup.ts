import type { Forecast } from '../contract/forecasts-document.ts';
import { simulatedOutcome, weeksToDue, type ForecastSettings, type ProjectForecast } from './forecast.ts';
import { DEFAULT_MAX_WEEKS, histogramOf } from './monte-carlo.ts';
import { sumTallies, type FlowTally } from './throughput.ts';
import { unpointedFields } from './unpointed.ts';

/**
 * A portfolio's or a PM's forecast, built from its projects' own trials rather than from their
 * pooled throughput: pooling lets one project's fast weeks finish another's work, so a portfolio
 * came out earlier than its slowest project. Here, in trial t, the roll-up finishes when its last
 * project does (the latest of the projects' trial-t finishes), and it meets its due date only if
 * every project with a due date meets its own in trial t. Trial by trial the latest finish is ≥
 * each project's, so every quantile is too; the trials where all meet are a subset of those where
 * any one meets, so the chance is ≤ each project's.
 *
 * Projects that cannot be forecast (too little history) are left out and named; with no
 * forecastable open work left, the roll-up has no forecast either.
 * Memory: two arrays of `trials` per roll-up; projects are folded in one at a time.
 */
export function createRollup(subject: { id: string; name: string }, asOf: string, settings: ForecastSettings) {
  const tallies: FlowTally[] = [];
  const excluded: NonNullable<Forecast['excluded']> = [];
  /** Per trial, the latest finish (weeks) of the projects folded in so far; done projects finish at 0. */
  let latest: Uint16Array | null = null;
  /** Per trial, 1 while every project with a due date met it; null while all met in every trial. */
  let allMet: Uint8Array | null = null;
  let anyDue = false;

  function fold(trialWeeks: Uint16Array, dueOn: string | null) {
    latest ??= new Uint16Array(settings.trials);
    for (let t = 0; t < trialWeeks.length; t++) if (trialWeeks[t]! > latest[t]!) latest[t] = trialWeeks[t]!;
    if (!dueOn) return;
    const dueWeeks = weeksToDue(asOf, dueOn);
    allMet ??= new Uint8Array(settings.trials).fill(1);
    for (let t = 0; t < trialWeeks.length; t++) if (trialWeeks[t]! > dueWeeks) allMet[t] = 0;
  }

  return {
    add(tally: FlowTally, { forecast, trialWeeks }: ProjectForecast) {
      tallies.push(tally);
      if (forecast.status === 'insufficient_history') {
        excluded.push({ id: forecast.id, name: forecast.name, reason: forecast.reason ?? 'too little history' });
        return;
      }
      // A done project finishes at once and meets its due date in every trial.
      if (forecast.dueOn) anyDue = true;
      if (trialWeeks) fold(trialWeeks, forecast.dueOn);
    },

    finish(): Forecast {
      const total = sumTallies(tallies, settings.historyWeeks);
      const base = { ...subject, remaining: total.open, weeklyThroughput: [...total.weekly].reverse(), dueOn: total.latestDue ?? null, ...unpointedFields(total, settings.unit) };
      const names = excluded.map((project) => project.name).join(', ');
      const none = { p50: null, p85: null, p95: null, distribution: [] };
      if (!latest && excluded.length === 0) return { ...base, status: 'done', ...none, probabilityByDue: anyDue ? 1 : null, excluded };
      if (!latest) return { ...base, status: 'insufficient_history', reason: `no project with open work can be forecast: ${names}`, ...none, probabilityByDue: null, excluded };
      const probability = !anyDue ? null : allMet ? allMet.reduce((sum, one) => sum + one, 0) / allMet.length : 1;
      const outcome = simulatedOutcome(histogramOf(latest, DEFAULT_MAX_WEEKS), asOf, probability);
      if (excluded.length === 0) return { ...base, ...outcome, excluded };
      const count = `${excluded.length} project${excluded.length === 1 ? '' : 's'}`;
      return { ...base, ...outcome, reason: `leaves out ${count} that cannot be forecast: ${names}`, excluded };
    },
  };
}
