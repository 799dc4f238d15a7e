import { IdTable } from '../structures/id-table.ts';

/**
 * The compact per-task map: what the engine must remember about a task after it has streamed past,
 * because later records refer to it (a time entry's project and theme, a status change's PM, the
 * first in-progress move for cycle time). The project and theme sit with the id in its id-table
 * cell, so a time entry finds them where it finds the task. Cost: the id's characters plus 37–69
 * bytes in the id table (no heap string kept alive, see id-table.ts) and 68 bytes of typed arrays
 * per task; about 122 MB for a million tasks with 13-character ids.
 */
const NONE = Number.NaN;

export class TaskIndex {
  readonly #ids = new IdTable();
  /** Places per project: themes plus one (theme indexes start at UNALIGNED, -1). */
  readonly #span: number;
  #size = 0;
  #capacity = 1024;
  manager = new Int32Array(this.#capacity);
  /** Milliseconds of the task's own startedAt, of its first in-progress move in the history, and of doneAt (by asOf). */
  startedAtMs = new Float64Array(this.#capacity);
  historyStartMs = new Float64Array(this.#capacity);
  doneMs = new Float64Array(this.#capacity);
  /** Day number of the completion in the configured zone (by asOf), or NaN. */
  doneDay = new Float64Array(this.#capacity);
  /** Day number of the start `startMs` gives, in the configured zone (by asOf), or NaN: WIP reads it. */
  startDay = new Float64Array(this.#capacity);
  /** Estimated hours (NaN: no estimate) and the source's own spent hours (NaN: none given). */
  estimate = new Float64Array(this.#capacity);
  sourceSpent = new Float64Array(this.#capacity);
  /**
   * Hours of the task's time entries dated by the as-of date; NaN while no entry names the task.
   * An entry after the as-of date sets 0: the task has entries, so its spent hours are not the
   * source's total (which would include that late entry).
   */
  entryHours = new Float64Array(this.#capacity);
  /** Scratch for the places of a page. */
  #places = new Int32Array(0);

  /** `themeCount`: how many themes the config has; a task's theme is one of them or UNALIGNED. */
  constructor(themeCount: number) {
    this.#span = themeCount + 1;
  }

  get size(): number {
    return this.#size;
  }

  /** The id of the task in `slot`, read back from the id table. */
  idOf(slot: number): string | undefined {
    return this.#ids.idAt(slot);
  }

  slotOf(taskId: string): number | undefined {
    const slot = this.#ids.find(taskId);
    return slot < 0 ? undefined : slot;
  }

  /**
   * For i < count: `slots[i]` = slot of `taskIds[i]`, `projects[i]` its project index and
   * `themes[i]` its theme; slot -1, project -1 and theme 0 for an unknown task or none.
   */
  lookUp(taskIds: ArrayLike<string | undefined>, count: number, slots: Int32Array, projects: Int32Array, themes: Int32Array): void {
    const places = this.#scratch(count);
    this.#ids.findAll(taskIds, count, slots, places);
    const span = this.#span;
    for (let i = 0; i < count; i++) {
      if ((slots[i] as number) < 0) {
        projects[i] = -1;
        themes[i] = 0;
        continue;
      }
      const place = places[i] as number;
      const project = Math.floor(place / span);
      projects[i] = project - 1;
      themes[i] = place - project * span - 1;
    }
  }

  /**
   * Adds tasks: `out[i]` = the new slot of `taskIds[i]`, or -1 when the id was already added (a
   * task seen twice counts once). Each task is in project `projects[i]` (-1: unknown) of PM
   * `managers[i]` (-1: none) and has theme `themes[i]`.
   */
  addAll(taskIds: ArrayLike<string>, count: number, out: Int32Array, where: { projects: Int32Array; managers: Int32Array; themes: Int32Array }): void {
    const places = this.#scratch(count);
    for (let i = 0; i < count; i++) places[i] = ((where.projects[i] as number) + 1) * this.#span + (where.themes[i] as number) + 1;
    this.#ids.addAll(taskIds, count, out, places);
    for (let i = 0; i < count; i++) {
      const slot = out[i] as number;
      if (slot < 0) continue;
      if (this.#size === this.#capacity) this.#grow();
      this.#size++;
      this.manager[slot] = where.managers[i] as number;
      this.startedAtMs[slot] = NONE;
      this.historyStartMs[slot] = NONE;
      this.doneMs[slot] = NONE;
      this.doneDay[slot] = NONE;
      this.startDay[slot] = NONE;
      this.estimate[slot] = NONE;
      this.sourceSpent[slot] = NONE;
      this.entryHours[slot] = NONE;
    }
  }

  #scratch(count: number): Int32Array {
    if (this.#places.length < count) this.#places = new Int32Array(count);
    return this.#places;
  }

  /** Start for cycle time: the first in-progress move in the history, else the task's startedAt. */
  startMs(slot: number): number {
    const fromHistory = this.historyStartMs[slot] ?? NONE;
    return Number.isNaN(fromHistory) ? (this.startedAtMs[slot] ?? NONE) : fromHistory;
  }

  /** Notes that the task has an entry after the as-of date: it has entries, even if none count. */
  noteLateEntry(slot: number): void {
    if (Number.isNaN(this.entryHours[slot] as number)) this.entryHours[slot] = 0;
  }

  /**
   * Spent hours as of the as-of date: the task's entries up to then, or, for a task no time entry
   * names, the source's own total (NaN when the source gives none either).
   */
  spentOf(slot: number): number {
    const fromEntries = this.entryHours[slot] as number;
    return Number.isNaN(fromEntries) ? (this.sourceSpent[slot] as number) : fromEntries;
  }

  #grow(): void {
    this.#capacity *= 2;
    const grow = <T extends Int32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(this.#capacity);
      next.set(old);
      return next;
    };
    this.manager = grow(this.manager, (n) => new Int32Array(n));
    this.startedAtMs = grow(this.startedAtMs, (n) => new Float64Array(n));
    this.historyStartMs = grow(this.historyStartMs, (n) => new Float64Array(n));
    this.doneMs = grow(this.doneMs, (n) => new Float64Array(n));
    this.doneDay = grow(this.doneDay, (n) => new Float64Array(n));
    this.startDay = grow(this.startDay, (n) => new Float64Array(n));
    this.estimate = grow(this.estimate, (n) => new Float64Array(n));
    this.sourceSpent = grow(this.sourceSpent, (n) => new Float64Array(n));
    this.entryHours = grow(this.entryHours, (n) => new Float64Array(n));
  }
}
