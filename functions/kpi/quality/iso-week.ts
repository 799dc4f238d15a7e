import { DAY_MS } from '../engine/calendar.ts';

/**
 * The ISO 8601 week (`YYYY-Www`) of the Mon–Sun week starting on day `monday`: a week belongs to
 * the year of its Thursday, and week 1 is the week holding that year's first Thursday.
 */
export function isoWeekLabel(monday: number): string {
  const thursday = monday + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const januaryFirst = Date.UTC(year, 0, 1) / DAY_MS;
  const week = Math.floor((thursday - januaryFirst) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
