import { DAY_MS } from '../../domain/days.ts';
import { KpiInputError } from './errors.ts';

/**
 * The periods every PM figure is computed for, as slots of one flat array:
 * slot 0 is the trailing window, then the months oldest first, then the quarters oldest first.
 * Days are whole numbers (days since 1970-01-01, UTC) parsed straight from the `YYYY-MM-DD`
 * prefix, so the hot path builds no Date objects.
 */

/** One length of a day for the whole code base (functions/domain/days.ts). */
export { DAY_MS };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export type SlotKind = 'window' | 'month' | 'quarter';

export interface Slot {
  kind: SlotKind;
  /** `YYYY-MM`, `YYYY-Qn`, or `window`. */
  period: string;
  from: number;
  /** Last day counted: the period's last day or the as-of date, whichever is earlier. */
  to: number;
  /** Index of the month-end series entry read as this slot's closing state. */
  closingMonth: number;
}

const digits = (text: string, start: number, length: number): number => {
  let value = 0;
  for (let i = start; i < start + length; i++) value = value * 10 + (text.charCodeAt(i) - 48);
  return value;
};

/**
 * Day number of a `YYYY-MM-DD` date or the calendar day of an ISO date-time as the source wrote it.
 * Arithmetic (Hinnant's days-from-civil) rather than Date.UTC: it runs for every record, and gives
 * the same numbers for years from 100 on, out-of-range months and days rolling over alike.
 */
export function dayNumber(date: string): number {
  return daysFromCivil(digits(date, 0, 4), digits(date, 5, 2), digits(date, 8, 2));
}

/** Days since 1970-01-01 of year `y`, month `m` (1–12; others roll over) and day `d`. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const year = y + Math.floor((m - 1) / 12) - (((m - 1) % 12 + 12) % 12 < 2 ? 1 : 0);
  const month = ((m - 1) % 12 + 12) % 12 + 1; // 1–12
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Months since year 0 of a day number (Hinnant's civil-from-days), so consecutive months are consecutive numbers. */
export function monthKeyOfDay(day: number): number {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}
const quarterKeyOfMonth = (monthKey: number): number => Math.floor(monthKey / 3);
const monthLabel = (key: number): string => `${Math.floor(key / 12)}-${String((key % 12) + 1).padStart(2, '0')}`;
const monthStart = (key: number): number => Date.UTC(Math.floor(key / 12), key % 12, 1) / DAY_MS;

export class Calendar {
  readonly asOf: number;
  readonly slots: readonly Slot[];
  readonly monthCount: number;
  readonly #firstMonth: number;
  readonly #firstQuarter: number;
  readonly #quarterCount: number;
  /**
   * Per day from the earliest slot's first day to asOf: its month slot, quarter slot (-1 for none)
   * and month-end index, looked up instead of recomputed for every record (a few hundred days,
   * a few kilobytes). Days before the table fall in no slot and read month end 0.
   */
  readonly #tableFrom: number;
  readonly #monthSlot: Int16Array;
  readonly #quarterSlot: Int16Array;
  readonly #monthEnd: Int16Array;

  constructor(asOf: string, windowDays: number, months: number, quarters: number) {
    if (!DATE.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`))) {
      throw new KpiInputError('asOf', `expected YYYY-MM-DD, got "${asOf}"`);
    }
    if (!Number.isInteger(windowDays) || windowDays < 1) {
      throw new KpiInputError('windowDays', `expected a whole number of days ≥ 1, got ${windowDays}`);
    }
    this.asOf = dayNumber(asOf);
    const lastMonth = monthKeyOfDay(this.asOf);
    this.monthCount = months;
    this.#firstMonth = lastMonth - months + 1;
    this.#quarterCount = quarters;
    this.#firstQuarter = quarterKeyOfMonth(lastMonth) - quarters + 1;
    const slots: Slot[] = [{ kind: 'window', period: 'window', from: this.asOf - windowDays + 1, to: this.asOf, closingMonth: months - 1 }];
    for (let key = this.#firstMonth; key <= lastMonth; key++) {
      slots.push({ kind: 'month', period: monthLabel(key), from: monthStart(key), to: Math.min(monthStart(key + 1) - 1, this.asOf), closingMonth: key - this.#firstMonth });
    }
    for (let q = this.#firstQuarter; q < this.#firstQuarter + quarters; q++) {
      const closing = Math.min(q * 3 + 2, lastMonth) - this.#firstMonth;
      slots.push({ kind: 'quarter', period: `${Math.floor(q / 4)}-Q${(q % 4) + 1}`, from: monthStart(q * 3), to: Math.min(monthStart(q * 3 + 3) - 1, this.asOf), closingMonth: Math.max(0, closing) });
    }
    this.slots = slots;
    this.#tableFrom = Math.min(...slots.map((slot) => slot.from));
    const days = this.asOf - this.#tableFrom + 1;
    this.#monthSlot = new Int16Array(days);
    this.#quarterSlot = new Int16Array(days);
    this.#monthEnd = new Int16Array(days);
    for (let i = 0; i < days; i++) {
      const month = monthKeyOfDay(this.#tableFrom + i);
      const quarter = quarterKeyOfMonth(month);
      this.#monthSlot[i] = month >= this.#firstMonth ? 1 + month - this.#firstMonth : -1;
      this.#quarterSlot[i] = quarter >= this.#firstQuarter ? 1 + this.monthCount + quarter - this.#firstQuarter : -1;
      this.#monthEnd[i] = Math.max(0, month - this.#firstMonth);
    }
  }

  /**
   * Writes into `out` the slots whose period holds the day, in the order forSlotsOf visits them,
   * and returns how many (0 to 3). The hot paths use this: no closure per record.
   */
  slotsOf(day: number, out: Int32Array): number {
    if (!(day <= this.asOf)) return 0; // also skips NaN: no date, no slot
    const i = day - this.#tableFrom;
    if (!Number.isInteger(i)) return this.#slotsOfAnyDay(day, out);
    if (i < 0) return 0;
    let n = 0;
    if (day >= (this.slots[0] as Slot).from) out[n++] = 0;
    const month = this.#monthSlot[i] as number;
    if (month >= 0) out[n++] = month;
    const quarter = this.#quarterSlot[i] as number;
    if (quarter >= 0) out[n++] = quarter;
    return n;
  }

  #slotsOfAnyDay(day: number, out: Int32Array): number {
    let n = 0;
    this.forSlotsOf(day, (slot) => (out[n++] = slot));
    return n;
  }

  get windowSlot(): Slot {
    return this.slots[0] as Slot;
  }

  /** Calls `visit` with each slot whose period holds the day (at most three: window, month, quarter). */
  forSlotsOf(day: number, visit: (slot: number) => void): void {
    if (!(day <= this.asOf)) return; // also skips NaN: no date, no slot
    const window = this.slots[0] as Slot;
    if (day >= window.from) visit(0);
    const month = monthKeyOfDay(day);
    if (month >= this.#firstMonth) visit(1 + month - this.#firstMonth);
    const quarter = quarterKeyOfMonth(month);
    if (quarter >= this.#firstQuarter) visit(1 + this.monthCount + quarter - this.#firstQuarter);
  }

  /**
   * Index of the first month-end at or after the day, for series of states at each month end
   * (earned value, open overdue tasks): 0 for days before the first month, undefined after asOf.
   */
  firstMonthEndFrom(day: number): number | undefined {
    if (!(day <= this.asOf)) return undefined;
    const i = day - this.#tableFrom;
    if (Number.isInteger(i)) return i < 0 ? 0 : (this.#monthEnd[i] as number);
    return Math.max(0, monthKeyOfDay(day) - this.#firstMonth);
  }

  /**
   * Whether a month or quarter slot stops before the period's own last day: the as-of month and
   * quarter, unless the as-of date is their last day. A partial period holds fewer days than a
   * whole one, so it is marked wherever it is drawn and never compared with a whole one.
   */
  isPartial(slot: number): boolean {
    const s = this.slots[slot] as Slot;
    if (s.kind === 'window') return false;
    const months = s.kind === 'month' ? 1 : 3;
    return s.to < monthStart(monthKeyOfDay(s.from) + months) - 1;
  }

  /** Days the slot covers, for rates per week and capacity. */
  daysIn(slot: number): number {
    const s = this.slots[slot] as Slot;
    return s.to - s.from + 1;
  }
}
