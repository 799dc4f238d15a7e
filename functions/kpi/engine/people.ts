import type { PersonOverride } from '../../config/schema.ts';
import { IdTable } from '../structures/id-table.ts';
import type { Identity, IdentityResolver } from './identity.ts';

/**
 * The people who log time, by canonical identity: capacity, cost rate, and hours per slot and per
 * week. Memory: one small record per person, with one number per slot and per week of the year.
 * The hours sit in one flat array, a row per person (slots, then weeks), not in arrays hung off each
 * person's record: every time entry adds to a slot and a week, and one index into a flat array is
 * one memory access where record → array → backing store was three, each a likely cache miss with
 * thousands of people; with slots and weeks in one row, both are in the same stretch of memory.
 */
export interface PersonTally {
  capacityPerWeek: number;
  rate: number | undefined;
}

/** Week number with weeks running Monday to Sunday (day 0, 1970-01-01, was a Thursday). */
export const weekOf = (day: number): number => Math.floor((day + 3) / 7);
export const mondayOf = (week: number): number => week * 7 - 3;

export class People {
  readonly #resolver: IdentityResolver;
  /** Source person ids, numbered in order of first sight, and what each number holds (see indexOf). */
  readonly #records = new IdTable();
  #recordValue = new Int32Array(64);
  /** Scratch for heardOf. */
  #found = new Int32Array(0);
  readonly #byIdentity = new Map<string, number>();
  readonly #overrides: ReadonlyMap<string, PersonOverride>;
  readonly #defaultCapacity: number;
  readonly #slots: number;
  readonly firstWeek: number;
  /** The last day of the weeks kept (the as-of date). */
  readonly lastDay: number;
  readonly #weeks: number;
  readonly tallies: PersonTally[] = [];
  /** Who each person index is, for reports on people (the data-quality flags). */
  readonly #identities: Identity[] = [];
  /** Whether any person has a cost rate: without one, nobody's rate needs looking up. */
  readonly anyRate: boolean;
  /** Per person one row: hours per slot, then hours per week from `firstWeek` (an entry adds to both). */
  #hours: Float64Array;
  readonly #row: number;
  readonly #onFirstSight: (recordId: string) => void;

  /** `onFirstSight` hears each source person id once, the first time it is looked up. */
  constructor(resolver: IdentityResolver, overrides: readonly PersonOverride[], defaultCapacity: number, slots: number, firstDay: number, lastDay: number, onFirstSight: (recordId: string) => void = () => {}) {
    this.#resolver = resolver;
    this.#onFirstSight = onFirstSight;
    this.#overrides = new Map(overrides.map((override) => [override.id, override]));
    this.anyRate = overrides.some((override) => override.rate !== undefined);
    this.#defaultCapacity = defaultCapacity;
    this.#slots = slots;
    this.firstWeek = weekOf(firstDay);
    this.lastDay = lastDay;
    this.#weeks = weekOf(lastDay) - this.firstWeek + 1;
    this.#row = slots + this.#weeks;
    this.#hours = new Float64Array(64 * this.#row);
  }

  /**
   * Index of the canonical person behind a source person id, added on first sight. An id seen
   * only through `rateOf` (an assignee) holds −(index + 1) until then: `onFirstSight` hears the
   * people who log time and PMs, as before, not every assignee.
   */
  indexOf(recordId: string): number {
    const record = this.#records.find(recordId);
    const known = record < 0 ? undefined : (this.#recordValue[record] as number);
    if (known !== undefined && known >= 0) return known;
    this.#onFirstSight(recordId);
    const index = known === undefined ? this.#add(recordId) : -known - 1;
    this.#remember(record < 0 ? this.#records.add(recordId) : record, index);
    return index;
  }

  /**
   * `out[i]` = indexOf(recordIds[i]) for i < count, or -1 where the id is undefined: the same
   * answers, a page at a time (an id table is faster in batches, see id-table.ts).
   */
  indexesOf(recordIds: ArrayLike<string | undefined>, count: number, out: Int32Array): void {
    this.#records.findAll(recordIds, count, out);
    for (let i = 0; i < count; i++) {
      const record = out[i] as number;
      const known = record < 0 ? -1 : (this.#recordValue[record] as number);
      if (known >= 0) out[i] = known;
      else {
        const recordId = recordIds[i];
        out[i] = recordId === undefined ? -1 : this.indexOf(recordId);
      }
    }
  }

  /**
   * `out[i]` = 1 when `recordIds[i]` was heard (indexOf has seen it, so `onFirstSight` has heard
   * it), else 0; for i < count. Adds nobody.
   */
  heardOf(recordIds: ArrayLike<string | undefined>, count: number, out: Uint8Array): void {
    const records = this.#scratch(count);
    this.#records.findAll(recordIds, count, records);
    for (let i = 0; i < count; i++) {
      const record = records[i] as number;
      out[i] = record >= 0 && (this.#recordValue[record] as number) >= 0 ? 1 : 0;
    }
  }

  #scratch(count: number): Int32Array {
    if (this.#found.length < count) this.#found = new Int32Array(count);
    return this.#found;
  }

  rateOf(recordId: string | undefined): number | undefined {
    if (recordId === undefined) return undefined;
    const record = this.#records.find(recordId);
    let known: number;
    if (record < 0) this.#remember(this.#records.add(recordId), (known = -this.#add(recordId) - 1));
    else known = this.#recordValue[record] as number;
    return this.tallies[known >= 0 ? known : -known - 1]?.rate;
  }

  #remember(record: number, value: number): void {
    if (record >= this.#recordValue.length) {
      const next = new Int32Array(this.#recordValue.length * 2);
      next.set(this.#recordValue);
      this.#recordValue = next;
    }
    this.#recordValue[record] = value;
  }

  #add(recordId: string): number {
    const identity = this.#resolver.resolve(recordId);
    let index = this.#byIdentity.get(identity.id);
    if (index === undefined) {
      index = this.tallies.length;
      const override = this.#overrides.get(identity.id);
      this.#identities.push(identity);
      this.tallies.push({ capacityPerWeek: override?.capacityHoursPerWeek ?? this.#defaultCapacity, rate: override?.rate });
      if (this.tallies.length * this.#row > this.#hours.length) {
        this.#hours = grown(this.#hours);
      }
      this.#byIdentity.set(identity.id, index);
    }
    return index;
  }

  /** Adds to the person's week; returns the week's hours so far (0 outside the calendar). */
  logWeek(person: number, day: number, hours: number): number {
    const week = weekOf(day) - this.firstWeek;
    if (person < 0 || person >= this.tallies.length || week < 0 || week >= this.#weeks) return 0;
    const at = person * this.#row + this.#slots + week;
    return (this.#hours[at] = (this.#hours[at] as number) + hours);
  }

  identityOf(person: number): Identity {
    return this.#identities[person] as Identity;
  }

  logSlot(person: number, slot: number, hours: number): void {
    if (person < 0 || person >= this.tallies.length) return;
    const at = person * this.#row + slot;
    this.#hours[at] = (this.#hours[at] as number) + hours;
  }

  /** Hours the person logged in the slot, on any project. */
  slotHours(person: number, slot: number): number {
    return this.#hours[person * this.#row + slot] ?? 0;
  }

  /** Hours the person logged in week `firstWeek + week`, on any project (0 outside the calendar). */
  weekHours(person: number, week: number): number {
    return week < 0 || week >= this.#weeks ? 0 : (this.#hours[person * this.#row + this.#slots + week] ?? 0);
  }
}

function grown(old: Float64Array): Float64Array {
  const next = new Float64Array(old.length * 2);
  next.set(old);
  return next;
}
