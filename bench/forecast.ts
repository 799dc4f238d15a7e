import { simulateCompletion } from '../functions/forecast/index.ts';
import { seededRandom } from '../functions/runtime/random.ts';
import { perSecond, summarize, type Figure } from './lib/stats.ts';

/**
 * Forecast cost: Monte Carlo trials per second for a typical project (12 weeks of history
 * averaging 3 items a week, 60 items open: about 20 simulated weeks per trial), and the time to
 * forecast a 1,000-project organisation at the default 10,000 trials.
 */
export async function benchForecast(options: { runs: number; trials?: number }): Promise<{ trialsPerSecond: Figure; orgMs: Figure; projects: number }> {
  const trials = options.trials ?? 100_000;
  const history = [2, 4, 3, 0, 5, 3, 2, 4, 3, 1, 6, 3];
  const trialMs: number[] = [];
  for (let run = 0; run < options.runs; run++) {
    const started = performance.now();
    simulateCompletion({ weeklyThroughput: history, remaining: 60, trials, random: seededRandom(run + 1) });
    trialMs.push(performance.now() - started);
  }
  const projects = 1000;
  const orgMs: number[] = [];
  for (let run = 0; run < Math.max(1, Math.floor(options.runs / 2)); run++) {
    const started = performance.now();
    for (let p = 0; p < projects; p++) simulateCompletion({ weeklyThroughput: history, remaining: 60, trials: 10_000, random: seededRandom(p) });
    orgMs.push(performance.now() - started);
  }
  return { trialsPerSecond: perSecond(summarize(trialMs), trials), orgMs: summarize(orgMs), projects };
}
