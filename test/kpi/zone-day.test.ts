import { describe, expect, it } from 'vitest';
import { DAY_MS, dayNumber } from '../../functions/kpi/engine/calendar.ts';
import { dayReader, ownOffsetMs } from '../../functions/kpi/engine/zone-day.ts';

/**
 * The reader caches offsets per hour; a plain Intl call per instant is the reference it must match.
 * Zones: DST in March/November (New York), none and a half-hour offset (Kolkata), southern DST
 * (Auckland), a half-hour offset that changes at a half hour UTC (St John's, 02:00 local at
 * −03:30 is 05:30 UTC) and a 30-minute DST step (Lord Howe).
 */
const ZONES = ['America/New_York', 'Asia/Kolkata', 'Pacific/Auckland', 'America/St_Johns', 'Australia/Lord_Howe', 'UTC'];

const formats = new Map<string, Intl.DateTimeFormat>();
function referenceDay(ms: number, timeZone: string): number {
  let format = formats.get(timeZone);
  if (!format) formats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return dayNumber(format.format(ms)); // en-CA writes YYYY-MM-DD
}

describe('dayReader', () => {
  it('reads the day as the source wrote it without a zone', () => {
    const { dayOf } = dayReader();
    expect(dayOf).toBe(dayNumber); // the default costs nothing: it is the prefix read itself
    expect(dayOf('2026-03-17T21:15:00.000-04:00')).toBe(dayNumber('2026-03-17'));
  });

  it('agrees with Intl on clusters of instants 7 min 13 s apart over 2025–2027, in six zones', () => {
    const from = Date.UTC(2025, 0, 1);
    const to = Date.UTC(2027, 11, 31);
    const step = (7 * 60 + 13) * 1000;
    let checked = 0;
    for (const zone of ZONES) {
      const { dayOf } = dayReader(zone);
      const wrong: string[] = [];
      for (let ms = from; ms < to; ms += step * 97) {
        // Every 97th step a cluster of 11 near instants (79 minutes), stepping through each hour of the day.
        for (let k = 0; k < 11; k++) {
          const at = ms + k * step;
          const text = new Date(at).toISOString();
          if (dayOf(text) !== referenceDay(at, zone)) wrong.push(`${zone} ${text}`);
          checked++;
        }
      }
      expect(wrong.slice(0, 5)).toEqual([]);
    }
    expect(checked).toBeGreaterThan(6 * 10_000);
  });

  it('agrees with Intl on every minute around each 2026 offset change', () => {
    const changes: Record<string, string[]> = {
      'America/New_York': ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z'],
      'Pacific/Auckland': ['2026-04-04T14:00:00Z', '2026-09-26T14:00:00Z'],
      'America/St_Johns': ['2026-03-08T05:30:00Z', '2026-11-01T04:30:00Z'],
      'Australia/Lord_Howe': ['2026-04-04T15:00:00Z', '2026-10-03T15:30:00Z'],
    };
    for (const [zone, instants] of Object.entries(changes)) {
      const { dayOf } = dayReader(zone);
      for (const instant of instants) {
        const centre = Date.parse(instant);
        for (let minute = -180; minute <= 180; minute++) {
          const at = centre + minute * 60_000;
          expect(dayOf(new Date(at).toISOString()), `${zone} ${new Date(at).toISOString()}`).toBe(referenceDay(at, zone));
        }
      }
    }
  });

  it('reads the instant a date-time names, whatever offset it was written with', () => {
    const { dayOf } = dayReader('America/New_York');
    // 21:15 at −04:00 is 01:15 UTC the next day: still 17 March in New York.
    expect(dayOf('2026-03-17T21:15:00.000-04:00')).toBe(dayNumber('2026-03-17'));
    expect(dayOf('2026-03-18T01:15:00.000Z')).toBe(dayNumber('2026-03-17'));
    // 06:45 at +05:30 is 01:15 UTC, 21:15 the evening before in New York (EDT, −4).
    expect(dayOf('2026-03-18T06:45:00+05:30')).toBe(dayNumber('2026-03-17'));
    // A plain date is a day already, never moved.
    expect(dayOf('2026-03-18')).toBe(dayNumber('2026-03-18'));
  });

  it('ends a day at the next local midnight', () => {
    // New York 17 March 2026 is EDT (−4): it ends at 04:00 UTC on the 18th.
    expect(dayReader('America/New_York').endOfDayMs(dayNumber('2026-03-17'), '')).toBe(Date.parse('2026-03-18T04:00:00Z'));
    // 7 March is EST (−5), the switch is at 02:00 on the 8th: the 7th ends at 05:00 UTC on the 8th.
    expect(dayReader('America/New_York').endOfDayMs(dayNumber('2026-03-07'), '')).toBe(Date.parse('2026-03-08T05:00:00Z'));
    // Auckland 4 April 2026 is NZDT (+13) until 03:00 on the 5th: the 4th ends at 11:00 UTC on the 4th.
    expect(dayReader('Pacific/Auckland').endOfDayMs(dayNumber('2026-04-04'), '')).toBe(Date.parse('2026-04-04T11:00:00Z'));
    // Kolkata +05:30: 31 March ends at 18:30 UTC on the 31st.
    expect(dayReader('Asia/Kolkata').endOfDayMs(dayNumber('2026-03-31'), '')).toBe(Date.parse('2026-03-31T18:30:00Z'));
    // Without a zone: the sample's own offset, −05:00 → 05:00 UTC the next day.
    expect(dayReader().endOfDayMs(dayNumber('2026-03-31'), '2026-03-31T22:00:00.000-05:00')).toBe(Date.parse('2026-04-01T05:00:00Z'));
  });

  it('finds the end of a day in a zone whose clocks jump at midnight', () => {
    // Santiago moves to summer time at 24:00 on the first Saturday of September 2026 (5th): the
    // 5th ends at local 00:00 −04:00 = 04:00 UTC, which the clocks show as 01:00 −03:00 on the 6th.
    const reader = dayReader('America/Santiago');
    const end = reader.endOfDayMs(dayNumber('2026-09-05'), '');
    expect(referenceDay(end, 'America/Santiago')).toBe(dayNumber('2026-09-06'));
    expect(referenceDay(end - 1, 'America/Santiago')).toBe(dayNumber('2026-09-05'));
    expect(end).toBe(Date.parse('2026-09-06T04:00:00Z'));
  });

  it('reads the offset a date-time was written with', () => {
    expect(ownOffsetMs('2026-03-17T21:15:00.000-04:00')).toBe(-4 * 3_600_000);
    expect(ownOffsetMs('2026-03-17T21:15:00+05:30')).toBe(5.5 * 3_600_000);
    expect(ownOffsetMs('2026-03-17T21:15:00.000Z')).toBe(0);
    expect(DAY_MS).toBe(86_400_000);
  });
});
