/**
 * This machine is shared and noisy, so every figure is a median with its min and max, and every
 * comparison is a ratio taken pair by pair (A then B, back to back) before the median: drift
 * between pairs cancels out, which it would not if the two medians were divided.
 */

export interface Figure {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function summarize(samples: readonly number[]): Figure {
  if (samples.length === 0) throw new Error('no samples to summarize');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: sorted.length };
}

/** Figures keyed by name, from one sample list per name. */
export function summarizeAll(samples: Record<string, number[]>): Record<string, Figure> {
  return Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, summarize(list)]));
}

/** Appends one sample per key, so a loop of runs can collect several figures at once. */
export function collect(into: Record<string, number[]>, sample: Record<string, number>): void {
  for (const [name, value] of Object.entries(sample)) (into[name] ??= []).push(value);
}

export function scaleFigure(figure: Figure, factor: number): Figure {
  return { median: figure.median * factor, min: figure.min * factor, max: figure.max * factor, runs: figure.runs };
}

/** Rate figure (per second) from a figure of milliseconds for `count` items: min and max swap. */
export function perSecond(msFigure: Figure, count: number): Figure {
  const rate = (ms: number) => (count * 1000) / ms;
  return { median: rate(msFigure.median), min: rate(msFigure.max), max: rate(msFigure.min), runs: msFigure.runs };
}
