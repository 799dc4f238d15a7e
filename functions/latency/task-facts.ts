import type { Task } from '../domain/index.ts';
import type { DayOf } from '../kpi/engine/zone-day.ts';

/**
 * What decision latency keeps of each task, as columns by slot: its project (as a number, the
 * names kept once), when it started and, for a task done by the as-of date, when it was done.
 * NaN stands for "none". An object per task with its project id as its own string was about
 * 90 bytes a task more, at a million tasks (move-log.ts says why it matters).
 *
 * A status change names its task by id; `slotOf` gives the id a slot even before (or without)
 * its task, so changes may come in any order. Only slots of tasks added are visited, in the
 * order the tasks were first added.
 */
export class TaskFacts {
  #slots = new Map<string, number>();
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

  slotOf(taskId: string): number {
    let slot = this.#slots.get(taskId);
    if (slot === undefined) {
      slot = this.#slots.size;
      if (slot === this.#project.length) this.#grow();
      this.#slots.set(taskId, slot);
    }
    return slot;
  }

  /** A task added again replaces what its slot held. */
  set(task: Task, dayOf: DayOf, asOf: number): void {
    const slot = this.slotOf(task.id);
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
