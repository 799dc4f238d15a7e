import { KpiInputError } from './errors.ts';

/**
 * Calendar arithmetic on `YYYY-MM-DD` strings. Dates compare as strings, so the engine never
 * builds Date objects per record; only the window bounds go through Date (in UTC, no DST).
 */

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export interface Window {
  from: string;
  to: string;
}

export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * DAY_MS;
  return new Date(ms).toISOString().slice(0, 10);
}

/** The inclusive window of `windowDays` calendar days that ends on `asOf`. */
export function windowEndingOn(asOf: string, windowDays: number): Window {
  if (!DATE.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`))) {
    throw new KpiInputError('asOf', `expected YYYY-MM-DD, got "${asOf}"`);
  }
  if (!Number.isInteger(windowDays) || windowDays < 1) {
    throw new KpiInputError('windowDays', `expected a whole number of days ≥ 1, got ${windowDays}`);
  }
  return { from: addDays(asOf, -(windowDays - 1)), to: asOf };
}

export function inWindow(date: string, window: Window): boolean {
  return date >= window.from && date <= window.to;
}

/**
 * The calendar day of an ISO date-time as the source wrote it (before its offset is applied),
 * because due dates are days in the source's calendar too: a task closed at 23:30 local time on
 * its due date is on time even if that is the next day in UTC.
 */
export function dayOf(dateTime: string): string {
  return dateTime.slice(0, 10);
}
