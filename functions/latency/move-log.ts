import type { Move } from './waits.ts';

/**
 * Every task's status changes, kept as columns until decision latency finishes: what a wait
 * needs of each change (id, instant, day, status, and where the as-of day ends in its calendar),
 * with the task as a slot number.
 *
 * Why columns: status changes arrive shard by shard, not task by task, so all of them are held
 * until the last one is in. As objects in a list per task (with its instant and status as
 * strings), a million tasks' 1.4 million changes held about 310 MB; as columns they hold about
 * 90 bytes each, the id (which orders changes of one instant) being the only string kept.
 * Statuses are a handful of names: each is kept once, and a change holds its number.
 */
export class MoveLog {
  #size = 0;
  #slot = new Int32Array(1024);
  #ms = new Float64Array(1024);
  #day = new Float64Array(1024);
  #asOfEndMs = new Float64Array(1024);
  #status = new Int32Array(1024);
  readonly #ids: string[] = [];
  readonly #statuses: string[] = [];
  readonly #statusNumbers = new Map<string, number>();

  add(slot: number, move: Move): void {
    if (this.#size === this.#slot.length) this.#grow();
    const at = this.#size++;
    this.#slot[at] = slot;
    this.#ms[at] = move.ms;
    this.#day[at] = move.day;
    this.#asOfEndMs[at] = move.asOfEndMs;
    this.#status[at] = this.#numberOf(move.toStatus);
    this.#ids.push(move.id);
  }

  /**
   * The moves of each slot below `slots`, in the order they were added (a counting sort by slot,
   * which keeps that order). The lists are built on demand, one slot at a time.
   */
  grouped(slots: number): (slot: number) => Move[] {
    const starts = new Int32Array(slots + 1);
    for (let i = 0; i < this.#size; i++) {
      const slot = this.#slot[i]!;
      if (slot < slots) starts[slot + 1]!++;
    }
    for (let slot = 0; slot < slots; slot++) starts[slot + 1]! += starts[slot]!;
    const order = new Int32Array(starts[slots]!);
    const next = starts.slice(0, slots);
    for (let i = 0; i < this.#size; i++) {
      const slot = this.#slot[i]!;
      if (slot < slots) order[next[slot]!++] = i;
    }
    return (slot) => {
      const moves: Move[] = [];
      for (let k = starts[slot]!; k < starts[slot + 1]!; k++) moves.push(this.#moveAt(order[k]!));
      return moves;
    };
  }

  #moveAt(i: number): Move {
    return { id: this.#ids[i]!, ms: this.#ms[i]!, day: this.#day[i]!, asOfEndMs: this.#asOfEndMs[i]!, toStatus: this.#statuses[this.#status[i]!]! };
  }

  #numberOf(status: string): number {
    let number = this.#statusNumbers.get(status);
    if (number === undefined) {
      number = this.#statuses.push(status) - 1;
      this.#statusNumbers.set(status, number);
    }
    return number;
  }

  #grow(): void {
    const capacity = this.#slot.length * 2;
    const grown = <T extends Int32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.#slot = grown(this.#slot, (n) => new Int32Array(n));
    this.#ms = grown(this.#ms, (n) => new Float64Array(n));
    this.#day = grown(this.#day, (n) => new Float64Array(n));
    this.#asOfEndMs = grown(this.#asOfEndMs, (n) => new Float64Array(n));
    this.#status = grown(this.#status, (n) => new Int32Array(n));
  }
}
