import type { KpiDefinition } from '../../../functions/contract/documents.ts';

export type Unit = KpiDefinition['unit'];

const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** One way to write a value per unit, shared by tables and chart axes so they agree. */
export function formatValue(value: number | null, unit: Unit): string {
  if (value === null) return 'no data';
  switch (unit) {
    case 'ratio':
      return percent.format(value);
    case 'hours':
      // Past 100 h a fraction of an hour is noise, and it makes columns hard to scan.
      return `${(Math.abs(value) >= 100 ? whole : decimal).format(value)} h`;
    case 'days':
      return `${decimal.format(value)} d`;
    case 'count':
      return whole.format(value);
    case 'index':
      // Always two decimals: "1.10" next to "1.08" reads as the same precision.
      return value.toFixed(2);
  }
}

export function formatShare(share: number): string {
  return percent.format(share);
}

/** Gap scores run 0 (on target) to 1 (fully off): two decimals read better than a percent. */
export function formatScore(score: number): string {
  return score.toFixed(2);
}

export function formatHours(hours: number): string {
  return `${whole.format(hours)} h`;
}

/** d3-format string for a Vega axis of this unit. */
export function axisFormat(unit: Unit): string {
  return unit === 'ratio' ? '.0%' : unit === 'count' ? ',d' : ',.2~f';
}

export const unitLabel: Record<Unit, string> = {
  ratio: 'share',
  hours: 'hours',
  index: 'index',
  days: 'days',
  count: 'count',
};

/** Timestamps are shown in UTC so every reader and every build writes the same text. */
export function formatTimestamp(iso: string | null): string {
  if (iso === null) return 'never';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Ordinal percentile, "P72": 100 is the best PM whichever way the KPI points. */
export function formatPercentile(p: number | null | undefined): string {
  return p === null || p === undefined ? '' : `P${Math.round(p)}`;
}

/** SPI, CPI, TCPI: two decimals; missing when undefined (an older snapshot) or null (no basis). */
export function formatIndex(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : value.toFixed(2);
}

export function formatSignedHours(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return `${value > 0 ? '+' : ''}${formatHours(value)}`;
}

const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/**
 * A value for a dense table whose column heading names the unit: "78%", "12.1", "1.03". Days and
 * hours keep one decimal below 10 and none above, enough to rank PMs by and short enough for
 * twenty columns on one screen. The full value is on the PM's and the KPI's pages.
 */
export function formatCompact(value: number | null, unit: Unit): string {
  if (value === null) return '–';
  switch (unit) {
    case 'ratio':
      return percent.format(value);
    case 'hours':
    case 'days':
      return (Math.abs(value) >= 10 ? whole : oneDecimal).format(value);
    case 'count':
      return whole.format(value);
    case 'index':
      return value.toFixed(2);
  }
}

/** The unit a compact value leaves out, for its column heading: "d", "h" or nothing. */
export const compactUnit: Record<Unit, string> = { ratio: '', hours: 'h', days: 'd', index: '', count: '' };
