import type { Task } from '../domain/index.ts';
import type { DayOf } from '../kpi/engine/zone-day.ts';
import { IdTable } from '../kpi/structures/id-table.ts';

/**
 * What decision latency keeps of each task, as columns by slot: its project (as a number, the
 * names kept once), when it started and, for a task done by the as-of date, when it was done.
 * NaN stands for "none". An object per task with its project id as its own string was about
 * 90 bytes a task more, at a million tasks (move-log.ts says why it matters).
 *
 * A status change names its task by id; `slotsOf` gives the id a slot even before (or without)
 * its task, so changes may come in any order. Only slots of tasks added are visited, in the
 * order the tasks were first added. Ids go to slots through an IdTable, a page at a time: with a
 * Map the lookups alone were 3.5 s of a million tasks' compute (id-table.ts says why).
 */
export class TaskFacts {
  readonly #slots = new IdTable();
  #order: number[] = [];
  #project = new Int32Array(1024).fill(-1);
  startMs = new Float64Array(1024).fill(Number.NaN);
  doneMs = new Float64Array(1024).fill(Number.NaN);
  doneDay = new Float64Array(1024).fill(Number.NaN);
  readonly #projects: string[] = [];
  readonly #projectNumbers = new Map<string, number>();

  /** Slots handed out so far (tasks and ids only changes named). */
  get slots(): number {
    return this.#slots.size;
  }

  /** The slot of each id (`out[i]` for `ids[i]`), an id seen first getting the next one. */
  slotsOf(ids: readonly string[], out: Int32Array): void {
    this.#slots.findAll(ids, ids.length, out);
    for (let i = 0; i < ids.length; i++) {
      if (out[i]! >= 0) continue;
      // New here, or new earlier in this same batch.
      const id = ids[i]!;
      const added = this.#slots.add(id);
      out[i] = added >= 0 ? added : this.#slots.find(id);
    }
    while (this.#slots.size > this.#project.length) this.#grow();
  }

  /** Tasks added again replace what their slots held. */
  setAll(tasks: readonly Task[], dayOf: DayOf, asOf: number): void {
    const slots = new Int32Array(tasks.length);
    this.slotsOf(tasks.map((task) => task.id), slots);
    for (let i = 0; i < tasks.length; i++) this.#set(slots[i]!, tasks[i]!, dayOf, asOf);
  }

  #set(slot: number, task: Task, dayOf: DayOf, asOf: number): void {
    if (this.#project[slot] === -1) this.#order.push(slot);
    this.#project[slot] = this.#numberOf(task.projectId);
    this.startMs[slot] = task.startedAt ? Date.parse(task.startedAt) : Number.NaN;
    const doneAt = task.status === 'done' ? task.doneAt : undefined;
    const doneDay = doneAt ? dayOf(doneAt) : Number.NaN;
    const doneByAsOf = doneAt !== undefined && doneDay <= asOf;
    this.doneMs[slot] = doneByAsOf ? Date.parse(doneAt) : Number.NaN;
    this.doneDay[slot] = doneByAsOf ? doneDay : Number.NaN;
  }

  inOrder(): readonly number[] {
    return this.#order;
  }

  projectOf(slot: number): string {
    return this.#projects[this.#project[slot]!]!;
  }

  #numberOf(projectId: string): number {
    let number = this.#projectNumbers.get(projectId);
    if (number === undefined) {
      number = this.#projects.push(projectId) - 1;
      this.#projectNumbers.set(projectId, number);
    }
    return number;
  }

  #grow(): void {
    const capacity = this.#project.length * 2;
    const grown = <T extends Int32Array | Float64Array>(old: T, next: T): T => {
      next.set(old);
      return next;
    };
    this.#project = grown(this.#project, new Int32Array(capacity).fill(-1));
    this.startMs = grown(this.startMs, new Float64Array(capacity).fill(Number.NaN));
    this.doneMs = grown(this.doneMs, new Float64Array(capacity).fill(Number.NaN));
    this.doneDay = grown(this.doneDay, new Float64Array(capacity).fill(Number.NaN));
  }
}
