/**
 * Rounding for publication only: sums of hours pick up float noise (0.1 + 0.2), and the published
 * JSON should not change when nothing changed. Computation keeps full precision.
 */

export function roundHours(value: number): number {
  return Math.round(value * 100) / 100;
}

export function roundRatio(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

/** Publication rounding by unit: hours, days and counts to 2 decimals, ratios and indices to 4. */
export function roundForUnit(unit: 'ratio' | 'hours' | 'index' | 'days' | 'count', value: number): number {
  return unit === 'ratio' || unit === 'index' ? roundRatio(value) : roundHours(value);
}
