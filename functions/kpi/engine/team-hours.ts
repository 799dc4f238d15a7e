/**
 * Hours one PM's projects received per slot and person: the team and its balance. It replaces a
 * Map<person, hours> per slot, which cost about 60 bytes per (slot, person) pair, a new heap
 * number on every update, and GC time to trace them all: with a thousand people logging on every
 * PM's projects that was millions of map entries. Here each person the PM has seen gets a local
 * number and a row of one Float64 per slot, all rows in one array that doubles when full (one
 * index to reach a row: with hundreds of PMs, each extra hop to a block was a cache miss per time
 * entry), and nothing is traced by the GC. The row ends with bit masks of the slots the
 * person has hours in, so one update touches one row (one or two cache lines), not two arrays.
 *
 * Readers must see the same order a Map gave: per slot, people in the order they first logged
 * time in it (sums over the team add up in that order), so each slot also keeps that order list.
 */

export class TeamHours {
  readonly #slots: number;
  /** Slots plus one mask word per 31 slots (a mask is an integer stored in a Float64). */
  readonly #row: number;
  /** Local number + 1 of each person index (0 = not seen by this PM). */
  #localOf = new Int32Array(64);
  #locals = 0;
  /** Rows of `#row` numbers, one per local number. */
  #hours: Float64Array;
  /** Per slot: person indexes in order of their first hours in it, and how many. */
  readonly #order: Int32Array[];
  readonly #size: Int32Array;
  #scratch = new Float64Array(0);

  constructor(slots: number) {
    this.#slots = slots;
    this.#row = slots + Math.ceil(slots / 31);
    this.#hours = new Float64Array(16 * this.#row);
    this.#order = Array.from({ length: slots }, () => new Int32Array(4));
    this.#size = new Int32Array(slots);
  }

  /** Adds the hours of `person` (local number `local`) to the slots `slots[from … from + count)`: one row for all of them. */
  addToSlots(slots: Int32Array, from: number, count: number, person: number, local: number, hours: number): void {
    const row = this.#hours;
    const base = local * this.#row;
    for (let i = from; i < from + count; i++) {
      const slot = slots[i] as number;
      const maskCell = base + this.#slots + ((slot / 31) | 0);
      const mask = row[maskCell] as number;
      const bit = 1 << (slot % 31);
      if ((mask & bit) === 0) {
        row[maskCell] = mask | bit;
        this.#push(slot, person);
      }
      row[base + slot] = (row[base + slot] as number) + hours;
    }
  }

  /** How many people logged time in the slot. */
  size(slot: number): number {
    return this.#size[slot] as number;
  }

  /** The slot's people, in order of their first hours in it. */
  people(slot: number): Int32Array {
    return (this.#order[slot] as Int32Array).subarray(0, this.#size[slot]);
  }

  /** Hours of each of the slot's people, in the order of people(slot); a view of scratch that the next call reuses. */
  hoursIn(slot: number): Float64Array {
    const people = this.people(slot);
    if (this.#scratch.length < people.length) this.#scratch = new Float64Array(people.length);
    for (let i = 0; i < people.length; i++) {
      const local = (this.#localOf[people[i] as number] as number) - 1;
      this.#scratch[i] = this.#hours[local * this.#row + slot] as number;
    }
    return this.#scratch.subarray(0, people.length);
  }

  /** The person's local number in this team, given on first sight: what addToSlots takes. */
  localFor(person: number): number {
    if (person >= this.#localOf.length) {
      let length = this.#localOf.length * 2;
      while (length <= person) length *= 2;
      const next = new Int32Array(length);
      next.set(this.#localOf);
      this.#localOf = next;
    }
    const known = this.#localOf[person] as number;
    if (known !== 0) return known - 1;
    const local = this.#locals++;
    this.#localOf[person] = local + 1;
    if ((local + 1) * this.#row > this.#hours.length) {
      const next = new Float64Array(this.#hours.length * 2);
      next.set(this.#hours);
      this.#hours = next;
    }
    return local;
  }

  #push(slot: number, person: number): void {
    let order = this.#order[slot] as Int32Array;
    const size = this.#size[slot] as number;
    if (size === order.length) {
      const next = new Int32Array(order.length * 2);
      next.set(order);
      this.#order[slot] = order = next;
    }
    order[size] = person;
    this.#size[slot] = size + 1;
  }
}
