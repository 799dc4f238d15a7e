import { DAY_MS, dayNumber } from './calendar.ts';
import { instantMs } from '../structures/instant.ts';

/**
 * The one time rule: every day-based figure takes its day from a date-time in one configured zone
 * (`kpi.timeZone`). Without a zone, the day is the one the source wrote (the date-time's own local
 * date, its first ten characters), as before. Plain dates (`YYYY-MM-DD`) are days already and are
 * never moved.
 *
 * With a zone, `Intl.DateTimeFormat` says the zone's offset, but costs microseconds a call: the
 * offset is asked once per distinct hour and kept in a small direct-mapped table, so a record costs
 * two table reads. A zone changes its offset at most once within an hour; when the offsets at the
 * start of an hour and of the next differ, the change lies inside, and only records of that one
 * hour ask Intl for their own instant.
 */
/** Day number of an ISO date-time or a plain date, in the configured zone. */
export type DayOf = (text: string) => number;

export interface DayReader {
  /** The configured IANA zone, or undefined for the source's own calendar. */
  readonly timeZone: string | undefined;
  /** Day number (days since 1970-01-01) of an ISO date-time or a plain date; NaN when unreadable. */
  readonly dayOf: DayOf;
  /**
   * The first instant (epoch ms) after `day` ends. Without a zone there is no one calendar, so
   * the day ends by the offset of `sample`, the date-time whose calendar is meant.
   */
  endOfDayMs(day: number, sample: string): number;
}

const HOUR_MS = 3_600_000;

/** The reader of days for `timeZone` (an IANA name, validated at config load), or of the source's calendar. */
export function dayReader(timeZone?: string): DayReader {
  if (timeZone === undefined) return SOURCE_CALENDAR;
  const offsets = new ZoneOffsets(timeZone);
  const dayOfMs = (ms: number): number => Math.floor((ms + offsets.offsetMs(ms)) / DAY_MS);
  return {
    timeZone,
    dayOf: (text) => (text.length === 10 ? dayNumber(text) : dayOfMs(instantMs(text))),
    endOfDayMs(day) {
      // Local midnight of the next day, at the offsets either side of it (a change may fall on midnight).
      const midnight = (day + 1) * DAY_MS;
      let first = Number.NaN;
      for (const offset of [offsets.offsetMs(midnight - DAY_MS), offsets.offsetMs(midnight + DAY_MS)]) {
        const at = midnight - offset;
        if (dayOfMs(at) === day + 1 && dayOfMs(at - 1) === day && !(at >= first)) first = at;
      }
      return Number.isNaN(first) ? midnight - offsets.offsetMs(midnight) : first;
    },
  };
}

/** No zone: the prefix read, with no cost beyond what the engine paid before the rule. */
const SOURCE_CALENDAR: DayReader = {
  timeZone: undefined,
  dayOf: dayNumber,
  endOfDayMs: (day, sample) => (day + 1) * DAY_MS - ownOffsetMs(sample),
};

/** The offset a date-time was written with (`Z` or `±HH:MM` at its end), in ms; 0 without one. */
export function ownOffsetMs(text: string): number {
  const at = text.length - 6;
  const sign = text.charCodeAt(at);
  if ((sign !== 43 && sign !== 45) || text.charCodeAt(at + 3) !== 58) return 0;
  const minutes = Number(text.slice(at + 1, at + 3)) * 60 + Number(text.slice(at + 4));
  return (sign === 43 ? minutes : -minutes) * 60_000;
}

/** 2^16 hours: seven and a half years of records before two hours share a cell. */
const CELLS = 1 << 16;

class ZoneOffsets {
  readonly #format: Intl.DateTimeFormat;
  /** Per cell: the hour (ms / HOUR_MS) it holds, NaN when empty, and that hour's offset at its start. */
  readonly #hours = new Float64Array(CELLS).fill(Number.NaN);
  readonly #offsets = new Float64Array(CELLS);

  constructor(timeZone: string) {
    this.#format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  }

  /** The zone's offset from UTC at the instant, in ms (local = UTC + offset). */
  offsetMs(ms: number): number {
    const hour = Math.floor(ms / HOUR_MS);
    const start = this.#startOf(hour);
    return start === this.#startOf(hour + 1) ? start : this.#exact(ms);
  }

  #startOf(hour: number): number {
    const cell = hour & (CELLS - 1);
    if (this.#hours[cell] === hour) return this.#offsets[cell] as number;
    const offset = this.#exact(hour * HOUR_MS);
    this.#hours[cell] = hour;
    this.#offsets[cell] = offset;
    return offset;
  }

  #exact(ms: number): number {
    const whole = Math.floor(ms / 1000) * 1000;
    let year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0;
    for (const part of this.#format.formatToParts(whole)) {
      const value = Number(part.value);
      if (part.type === 'year') year = value;
      else if (part.type === 'month') month = value;
      else if (part.type === 'day') day = value;
      else if (part.type === 'hour') hour = value;
      else if (part.type === 'minute') minute = value;
      else if (part.type === 'second') second = value;
    }
    return Date.UTC(year, month - 1, day, hour, minute, second) - whole;
  }
}
