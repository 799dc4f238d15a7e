import { DriverPicker } from './driver-picker.ts';
import { QuantileSketch } from '../structures/sketch.ts';
import { TeamHours } from './team-hours.ts';

/**
 * Running figures of one PM: counters per slot (window, months, quarters), percentile sketches
 * per slot, and month-end series kept as difference arrays (a state that holds from one day to
 * another costs two additions, not one per month). Memory: a few kilobytes per PM, whatever the
 * number of tasks.
 */

/** Counters of events dated inside a slot's period. */
export const C = {
  due: 0, onTime: 1, slipSum: 2, milestoneDue: 3, milestoneHit: 4, done: 5,
  estimatedDone: 6, estimateSum: 7, spentSum: 8, completions: 9, reopens: 10,
  hours: 11, entries: 12, leadN: 13, donePointed: 14, donePoints: 15,
  baselineDue: 16, baselineSlipSum: 17, replanned: 18,
} as const;
const COUNTERS = 19;

/** States at each month end (the last one is the as-of date), summed from difference arrays. */
export const S = { overdue: 0, dueByEnd: 1, wip: 2, createdByEnd: 3, pv: 4, ev: 5, ac: 6, estimatedByEnd: 7 } as const;
const SERIES = 8;

export const SKETCH = { slip: 0, cycle: 1, lead: 2 } as const;
const SKETCHES = 3;

export class ManagerTally {
  readonly counters: Float64Array;
  readonly #series: Float64Array;
  readonly #months: number;
  readonly #sketches: (QuantileSketch | undefined)[];
  /** Hours on this PM's projects per slot and person index: the team and its balance. */
  readonly teamHours: TeamHours;
  readonly drivers = new DriverPicker();

  constructor(slots: number, months: number) {
    this.counters = new Float64Array(slots * COUNTERS);
    this.#sketches = new Array<QuantileSketch | undefined>(slots * SKETCHES).fill(undefined);
    this.#months = months;
    this.#series = new Float64Array(SERIES * (months + 1));
    this.teamHours = new TeamHours(slots);
  }

  count(slot: number, counter: number, amount = 1): void {
    this.counters[slot * COUNTERS + counter] = (this.counters[slot * COUNTERS + counter] ?? 0) + amount;
  }

  get(slot: number, counter: number): number {
    return this.counters[slot * COUNTERS + counter] ?? 0;
  }

  /** Sketches are created on first use: most PMs have no history in the older slots. */
  sketch(slot: number, which: number): QuantileSketch {
    const index = slot * SKETCHES + which;
    let sketch = this.#sketches[index];
    if (!sketch) this.#sketches[index] = sketch = new QuantileSketch();
    return sketch;
  }

  peekSketch(slot: number, which: number): QuantileSketch | undefined {
    return this.#sketches[slot * SKETCHES + which];
  }

  /**
   * Adds `amount` to a series from month end `from` (inclusive) up to month end `until`
   * (exclusive; undefined = through the as-of date).
   */
  holdBetween(series: number, from: number | undefined, until: number | undefined, amount = 1): void {
    if (from === undefined || (until !== undefined && until <= from)) return;
    const base = series * (this.#months + 1);
    this.#series[base + from] = (this.#series[base + from] ?? 0) + amount;
    if (until !== undefined) this.#series[base + until] = (this.#series[base + until] ?? 0) - amount;
  }

  /** The state of a series at month end `index`. */
  at(series: number, index: number): number {
    const base = series * (this.#months + 1);
    let value = 0;
    for (let i = 0; i <= index; i++) value += this.#series[base + i] ?? 0;
    return value;
  }
}
