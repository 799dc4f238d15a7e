import { describe, expect, it } from 'vitest';
import { DAY_MS, dayNumber, daysFromCivil } from '../../functions/kpi/engine/calendar.ts';

describe('dayNumber', () => {
  it('counts days from 1970-01-01 in the calendar the source wrote', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(dayNumber('2000-03-01')).toBe(11_017); // 2000 is a leap year: 30 × 365 + 7 leap days + 31 + 29
    expect(dayNumber('2024-02-29T23:30:00-05:00')).toBe(19_782); // the day as written, not the UTC instant's
  });

  it('agrees with Date.UTC from year 100 to 2400, rolled-over months and days included', () => {
    let checked = 0;
    for (let y = 100; y <= 2400; y += 7) {
      for (let m = -1; m <= 14; m++) {
        for (const d of [0, 1, 28, 29, 30, 31, 32]) {
          expect(daysFromCivil(y, m, d)).toBe(Date.UTC(y, m - 1, d) / DAY_MS);
          checked++;
        }
      }
    }
    expect(checked).toBe(329 * 16 * 7);
  });
});
