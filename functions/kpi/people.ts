import type { PersonOverride } from '../config/schema.ts';
import type { IdentityResolver } from './identity.ts';

/**
 * The people who log time, by canonical identity: capacity, cost rate, and hours per slot and per
 * week. Memory: one small record per person, with one number per slot and per week of the year.
 */
export interface PersonTally {
  capacityPerWeek: number;
  rate: number | undefined;
  hoursPerSlot: Float64Array;
  /** Hours per week, indexed from the calendar's first week. */
  hoursPerWeek: Float64Array;
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
      this.tallies.push({
        capacityPerWeek: override?.capacityHoursPerWeek ?? this.#defaultCapacity,
        rate: override?.rate,
        hoursPerSlot: new Float64Array(this.#slots),
        hoursPerWeek: new Float64Array(this.#weeks),
      });
      this.#byIdentity.set(identity.id, index);
    }
    return index;
  }

  logWeek(person: number, day: number, hours: number): void {
    const week = weekOf(day) - this.firstWeek;
    const tally = this.tallies[person];
    if (tally && week >= 0 && week < tally.hoursPerWeek.length) tally.hoursPerWeek[week] = (tally.hoursPerWeek[week] ?? 0) + hours;
  }
}
