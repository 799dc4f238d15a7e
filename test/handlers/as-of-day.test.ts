import { describe, expect, it } from 'vitest';
import { today } from '../../functions/cli/command.ts';
import { asOfFor } from '../../functions/handlers/compute-step.ts';

// The day compute works for is a day-based figure like any other: read in kpi.timeZone when it is
// set, else as the date-time was written, never after a conversion to UTC (the one time rule).
const never = () => {
  throw new Error('the clock is not read when the event says when');
};

describe('the day a scheduled compute works for', () => {
  it('is the firing day in kpi.timeZone', () => {
    // 23:30 UTC on the 9th is 00:30 on the 10th in Berlin and 15:30 on the 9th in Los Angeles.
    const scheduledAt = '2025-03-09T23:30:00Z';
    expect(asOfFor({ kind: 'scheduled', scheduledAt }, never, 'Europe/Berlin')).toBe('2025-03-10');
    expect(asOfFor({ kind: 'scheduled', scheduledAt }, never, 'America/Los_Angeles')).toBe('2025-03-09');
  });

  it('is the day as written without a zone: UTC for what the schedule writes, the local date for an offset', () => {
    expect(asOfFor({ kind: 'scheduled', scheduledAt: '2025-03-09T23:30:00Z' }, never)).toBe('2025-03-09');
    // 01:30 at +02:00 is the 10th where it was written (the 9th only once converted to UTC).
    expect(asOfFor({ kind: 'scheduled', scheduledAt: '2025-03-10T01:30:00+02:00' }, never)).toBe('2025-03-10');
  });

  it('is an explicit asOf as given, and otherwise today by the same rule', () => {
    expect(asOfFor({ kind: 'scheduled', scheduledAt: '2025-03-09T23:30:00Z', asOf: '2025-02-28' }, never, 'Europe/Berlin')).toBe('2025-02-28');
    const now = () => new Date('2025-03-09T23:30:00Z');
    expect(asOfFor({ kind: 'scheduled' }, now, 'Europe/Berlin')).toBe('2025-03-10');
    expect(asOfFor({ kind: 'scheduled' }, now)).toBe('2025-03-09');
  });
});

describe("the CLI's default --as-of", () => {
  it('is today in kpi.timeZone, else in UTC', () => {
    const now = new Date('2025-10-26T22:30:00Z'); // after Europe's clocks went back that night
    expect(today(now, 'Europe/Berlin')).toBe('2025-10-26'); // 23:30 CET
    expect(today(now, 'Asia/Tokyo')).toBe('2025-10-27'); // 07:30 JST
    expect(today(now)).toBe('2025-10-26');
  });
});
