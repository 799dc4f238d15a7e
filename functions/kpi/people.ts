import type { PersonOverride } from '../config/schema.ts';
import type { IdentityResolver } from './identity.ts';

/**
 * The people who log time, by canonical identity: capacity, cost rate, and hours per slot and per
 * week. Memory: one small record per person, with one number per slot and per week of the year.
 * The hours sit in two flat arrays, a row per person, not in arrays hung off each person's record:
 * every time entry adds to both, and one index into a flat array is one memory access where
 * record → array → backing store was three, each a likely cache miss with thousands of people.
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
  readonly #byRecord = new Map<string, number>();
  readonly #byIdentity = new Map<string, number>();
  readonly #overrides: ReadonlyMap<string, PersonOverride>;
  readonly #defaultCapacity: number;
  readonly #slots: number;
  readonly firstWeek: number;
  readonly #weeks: number;
  readonly tallies: PersonTally[] = [];
  /** Row per person: hours per slot, and hours per week from `firstWeek`. */
  #slotHours: Float64Array;
  #weekHours: Float64Array;
  readonly #onFirstSight: (recordId: string) => void;

  /** `onFirstSight` hears each source person id once, the first time it is looked up. */
  constructor(resolver: IdentityResolver, overrides: readonly PersonOverride[], defaultCapacity: number, slots: number, firstDay: number, lastDay: number, onFirstSight: (recordId: string) => void = () => {}) {
    this.#resolver = resolver;
    this.#onFirstSight = onFirstSight;
    this.#overrides = new Map(overrides.map((override) => [override.id, override]));
    this.#defaultCapacity = defaultCapacity;
    this.#slots = slots;
    this.firstWeek = weekOf(firstDay);
    this.#weeks = weekOf(lastDay) - this.firstWeek + 1;
    this.#slotHours = new Float64Array(64 * slots);
    this.#weekHours = new Float64Array(64 * this.#weeks);
  }

  /**
   * Index of the canonical person behind a source person id, added on first sight. The map holds
   * −(index + 1) for ids seen only through `rateOf` (an assignee), which `onFirstSight` has not
   * heard yet: it hears the people who log time and PMs, as before, not every assignee.
   */
  indexOf(recordId: string): number {
    const known = this.#byRecord.get(recordId);
    if (known !== undefined && known >= 0) return known;
    this.#onFirstSight(recordId);
    const index = known === undefined ? this.#add(recordId) : -known - 1;
    this.#byRecord.set(recordId, index);
    return index;
  }

  rateOf(recordId: string | undefined): number | undefined {
    if (recordId === undefined) return undefined;
    let known = this.#byRecord.get(recordId);
    if (known === undefined) this.#byRecord.set(recordId, (known = -this.#add(recordId) - 1));
    return this.tallies[known >= 0 ? known : -known - 1]?.rate;
  }

  #add(recordId: string): number {
    const identity = this.#resolver.resolve(recordId);
    let index = this.#byIdentity.get(identity.id);
    if (index === undefined) {
      index = this.tallies.length;
      const override = this.#overrides.get(identity.id);
      this.tallies.push({ capacityPerWeek: override?.capacityHoursPerWeek ?? this.#defaultCapacity, rate: override?.rate });
      if (this.tallies.length * this.#slots > this.#slotHours.length) {
        this.#slotHours = grown(this.#slotHours);
        this.#weekHours = grown(this.#weekHours);
      }
      this.#byIdentity.set(identity.id, index);
    }
    return index;
  }

  logWeek(person: number, day: number, hours: number): void {
    const week = weekOf(day) - this.firstWeek;
    if (person < 0 || person >= this.tallies.length || week < 0 || week >= this.#weeks) return;
    const at = person * this.#weeks + week;
    this.#weekHours[at] = (this.#weekHours[at] as number) + hours;
  }

  logSlot(person: number, slot: number, hours: number): void {
    if (person < 0 || person >= this.tallies.length) return;
    const at = person * this.#slots + slot;
    this.#slotHours[at] = (this.#slotHours[at] as number) + hours;
  }

  /** Hours the person logged in the slot, on any project. */
  slotHours(person: number, slot: number): number {
    return this.#slotHours[person * this.#slots + slot] ?? 0;
  }

  /** Hours the person logged in week `firstWeek + week`, on any project (0 outside the calendar). */
  weekHours(person: number, week: number): number {
    return week < 0 || week >= this.#weeks ? 0 : (this.#weekHours[person * this.#weeks + week] ?? 0);
  }
}

function grown(old: Float64Array): Float64Array {
  const next = new Float64Array(old.length * 2);
  next.set(old);
  return next;
}
