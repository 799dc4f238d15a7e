import { DAY_MS } from '../../functions/domain/days.ts';
/** Calendar helpers in UTC, on epoch milliseconds. */

export const HOUR_MS = 3_600_000;
/** One length of a day for the whole code base (functions/domain/days.ts). */
export { DAY_MS };

export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function startOfDay(day: string): number {
  const ms = Date.parse(`${day}T00:00:00.000Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not a calendar day: ${day}`);
  return ms;
}

export function floorToDay(ms: number): number {
  return ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);
}

export function isWeekend(ms: number): boolean {
  const weekday = new Date(ms).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** Moves a weekend day to the nearest weekday inside [from, to], if there is one. */
export function toWeekday(dayMs: number, fromMs: number, toMs: number): number {
  if (!isWeekend(dayMs)) return dayMs;
  for (const shift of [1, -1, 2, -2]) {
    const candidate = dayMs + shift * DAY_MS;
    if (candidate >= fromMs && candidate <= toMs && !isWeekend(candidate)) return candidate;
  }
  return dayMs;
}

/** A working-hours instant on the given day: 08:00–18:00 UTC, on a quarter hour. */
export function workingInstant(dayMs: number, fraction: number): number {
  const quarters = Math.floor(fraction * 40);
  return dayMs + 8 * HOUR_MS + quarters * 15 * 60_000;
}
