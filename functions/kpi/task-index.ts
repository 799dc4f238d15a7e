import { IdTable } from './id-table.ts';

/**
 * The compact per-task map: what the engine must remember about a task after it has streamed past,
 * because later records refer to it (a time entry's theme, a status change's PM, the first
 * in-progress move for cycle time). Cost: the id's characters plus about 16 bytes in the id table
 * (no heap string kept alive, see id-table.ts) and 42 bytes of typed arrays per task; about
 * 90 MB for a million tasks with 30-character ids.
 */

const NONE = Number.NaN;

export class TaskIndex {
  readonly #ids = new IdTable();
  #size = 0;
  #capacity = 1024;
  project = new Int32Array(this.#capacity);
  manager = new Int32Array(this.#capacity);
  theme = new Int16Array(this.#capacity);
  /** Milliseconds of the task's own startedAt, of its first in-progress move in the history, and of doneAt (by asOf). */
  startedAtMs = new Float64Array(this.#capacity);
  historyStartMs = new Float64Array(this.#capacity);
  doneMs = new Float64Array(this.#capacity);
  /** Day number of the completion in the source's calendar (by asOf), or NaN. */
  doneDay = new Float64Array(this.#capacity);

  get size(): number {
    return this.#size;
  }

  slotOf(taskId: string): number | undefined {
    const slot = this.#ids.find(taskId);
    return slot < 0 ? undefined : slot;
  }

  /** `out[i]` = slot of `taskIds[i]` for i < count, or -1 for an unknown task or none. Faster than slotOf one by one. */
  slotsOf(taskIds: ArrayLike<string | undefined>, count: number, out: Int32Array): void {
    this.#ids.findAll(taskIds, count, out);
  }

  /**
   * Adds tasks by id: `out[i]` = the new slot of `taskIds[i]`, or -1 when the id was already
   * added (a task seen twice counts once). Each new slot then gets its place with `place`.
   */
  addAll(taskIds: ArrayLike<string>, count: number, out: Int32Array): void {
    this.#ids.addAll(taskIds, count, out);
    for (let i = 0; i < count; i++) {
      const slot = out[i] as number;
      if (slot < 0) continue;
      if (this.#size === this.#capacity) this.#grow();
      this.#size++;
      this.startedAtMs[slot] = NONE;
      this.historyStartMs[slot] = NONE;
      this.doneMs[slot] = NONE;
      this.doneDay[slot] = NONE;
    }
  }

  /** Where a new task belongs: its project, that project's PM (-1: none) and its theme. */
  place(slot: number, project: number, manager: number, theme: number): void {
    this.project[slot] = project;
    this.manager[slot] = manager;
    this.theme[slot] = theme;
  }

  /** Start for cycle time: the first in-progress move in the history, else the task's startedAt. */
  startMs(slot: number): number {
    const fromHistory = this.historyStartMs[slot] ?? NONE;
    return Number.isNaN(fromHistory) ? (this.startedAtMs[slot] ?? NONE) : fromHistory;
  }

  #grow(): void {
    this.#capacity *= 2;
    const grow = <T extends Int32Array | Int16Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(this.#capacity);
      next.set(old);
      return next;
    };
    this.project = grow(this.project, (n) => new Int32Array(n));
    this.manager = grow(this.manager, (n) => new Int32Array(n));
    this.theme = grow(this.theme, (n) => new Int16Array(n));
    this.startedAtMs = grow(this.startedAtMs, (n) => new Float64Array(n));
    this.historyStartMs = grow(this.historyStartMs, (n) => new Float64Array(n));
    this.doneMs = grow(this.doneMs, (n) => new Float64Array(n));
    this.doneDay = grow(this.doneDay, (n) => new Float64Array(n));
  }
}
