/**
 * Calendar days as `YYYY-MM-DD` strings, in UTC arithmetic (a day is a label here, not an
 * instant: which day an instant falls on is the KPI engine's time rule, kpi/engine/zone-day.ts).
 */
export const DAY_MS = 86_400_000;

/** An inclusive range of calendar days. */
export interface DayRange {
  from: string;
  to: string;
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
