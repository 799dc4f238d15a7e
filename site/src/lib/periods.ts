import type { PeriodFields } from '../../../functions/contract/documents.ts';

/**
 * How a published month or quarter is named on the site, and how a partial one (the as-of month
 * or quarter, which stops before its own last day) says so. The mark comes from the document's
 * `partial` flag, so the site never decides on its own which periods are whole.
 */

const monthYear = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const dayMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "2026-11" → "November 2026"; a quarter or anything else is shown as published. */
export function periodName(period: string): string {
  if (!/^\d{4}-\d{2}$/.test(period)) return period;
  return monthYear.format(new Date(`${period}-01T00:00:00Z`));
}

/** "2026-12-05" → "5 Dec". */
export function shortDay(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(day.getTime()) ? date : dayMonth.format(day);
}

/**
 * Vega axis labelExpr writing "2026-12 (partial)" under each partial period; undefined when none is.
 * Periods are `YYYY-MM` labels from the document, serialised as JSON, never names from a source.
 */
export function partialAxisLabels(partialPeriods: readonly string[]): string | undefined {
  if (partialPeriods.length === 0) return undefined;
  return `indexof(${JSON.stringify(partialPeriods)}, datum.value) >= 0 ? datum.value + ' (partial)' : datum.value`;
}

/** "partial: to 5 Dec" for a partial period, "" for a whole one. */
export function partialNote(p: PeriodFields): string {
  if (!p.partial) return '';
  return p.to ? `partial: to ${shortDay(p.to)}` : 'partial';
}

const shortMonthYear = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "2026-11" → "Nov 2026", for a column heading; anything else as published. */
export function shortPeriodName(period: string): string {
  if (!/^\d{4}-\d{2}$/.test(period)) return period;
  return shortMonthYear.format(new Date(`${period}-01T00:00:00Z`));
}
