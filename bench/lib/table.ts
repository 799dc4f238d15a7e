import type { Figure } from './stats.ts';
import { judge, type Target, type Verdict } from './targets.ts';

/** One line of the results table: a figure, its spread, and its target when it has one. */
export interface Row {
  figure: string;
  value: string;
  target: string;
  verdict: string;
  met?: boolean;
}

export type Format = (value: number) => string;

export const seconds: Format = (ms) => `${(ms / 1000).toFixed(2)} s`;
export const millis: Format = (ms) => `${Math.round(ms)} ms`;
export const perSec: Format = (n) => `${Math.round(n).toLocaleString('en-US')}/s`;
export const times: Format = (x) => `${x.toFixed(2)}x`;
export const mib: Format = (n) => `${Math.round(n)} MiB`;
export const kib: Format = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** "median (min–max)"; a single run has no spread to show. */
export function spread(figure: Figure, format: Format): string {
  if (figure.runs === 1) return `${format(figure.median)} (1 run)`;
  return `${format(figure.median)} (${format(figure.min)}–${format(figure.max)})`;
}

export function row(figure: string, value: Figure | number, format: Format, target?: Target): Row {
  const median = typeof value === 'number' ? value : value.median;
  const text = typeof value === 'number' ? format(value) : spread(value, format);
  if (!target) return { figure, value: text, target: '', verdict: '' };
  const verdict: Verdict = judge(median, target);
  return { figure, value: text, target: target.text, verdict: verdict.text, met: verdict.met };
}

/** A figure that was not measured in this run, with the reason, against its target. */
export function notMeasured(figure: string, reason: string, target?: Target): Row {
  return { figure, value: reason, target: target?.text ?? '', verdict: target ? 'not measured' : '' };
}

export function printTable(title: string, rows: readonly Row[]): void {
  const widths = (['figure', 'value', 'target'] as const).map((key) => Math.max(key.length, ...rows.map((r) => r[key].length)));
  const line = (r: Pick<Row, 'figure' | 'value' | 'target' | 'verdict'>) =>
    `${r.figure.padEnd(widths[0]!)}  ${r.value.padEnd(widths[1]!)}  ${r.target.padEnd(widths[2]!)}  ${r.verdict}`.trimEnd();
  console.log(`\n${title}`);
  console.log(line({ figure: 'figure', value: 'median (min–max)', target: 'target', verdict: 'status' }));
  for (const r of rows) console.log(line(r));
}
