import type { Task } from '../../domain/records.ts';

/** What a driver list shows of a task; `spentFrom` says where its spent hours come from. */
export type DriverSubject = Pick<Task, 'id' | 'title' | 'projectId' | 'status' | 'dueOn' | 'doneAt' | 'estimateHours' | 'spentHours'> & {
  spentFrom?: 'entries' | 'sourceTotal';
};

const STATUSES = ['todo', 'in_progress', 'done'] as const;
const NO_CARD = 0;
const MAX_PART = 0xffff;

/**
 * What the drill-down shows of a task (id, title, project, status, due and done dates), kept for
 * the tasks whose place in a driver list is only known at the finish: spent hours wait for the
 * time entries, which stream in after every task. Keeping the tasks themselves would keep a
 * dozen heap strings each alive (hundreds of MB at a million tasks, and every major GC walks
 * them); here the text sits in one byte arena, each part after a two-byte length, out of the
 * GC's sight: about 50 bytes a task. The id is not copied: the task index keeps it already and
 * gives it back by slot. Text with a character above U+00FF (rare) is kept as a small object in a
 * Map instead. Only a few cards per PM are ever read back.
 */
export class TaskCards {
  #chars = new Uint8Array(1 << 16);
  #used = 0;
  /** Per task slot: arena start + 1 of its card (0: none), its project index and status. */
  #start = new Int32Array(1024);
  #project = new Int32Array(1024);
  #status = new Uint8Array(1024);
  readonly #wide = new Map<number, DriverSubject>();
  readonly #projectIds: readonly string[];
  readonly #idOf: (slot: number) => string | undefined;

  /** `projectIds`: the id of each project, by project index; `idOf`: the id of the task in a slot (the task index keeps it). */
  constructor(projectIds: readonly string[], idOf: (slot: number) => string | undefined) {
    this.#projectIds = projectIds;
    this.#idOf = idOf;
  }

  /** Keeps the card of the task in `slot`, a task of the project with index `project`. */
  keep(slot: number, task: Task, project: number): void {
    if (slot >= this.#start.length) this.#grow(slot + 1);
    const begin = this.#used;
    if (this.#put(task.title) && this.#put(task.dueOn ?? '') && this.#put(task.doneAt ?? '')) {
      this.#start[slot] = begin + 1;
      this.#project[slot] = project;
      this.#status[slot] = STATUSES.indexOf(task.status);
      return;
    }
    this.#used = begin; // a wide character: this card goes to the Map
    const { id, title, status, dueOn, doneAt } = task;
    this.#wide.set(slot, {
      id, title, projectId: this.#projectIds[project] ?? task.projectId, status,
      ...(dueOn === undefined ? {} : { dueOn }), ...(doneAt === undefined ? {} : { doneAt }),
    });
  }

  /** The id of the task in `slot` (the task index keeps it), or '' when unknown. */
  idOf(slot: number): string {
    return this.#idOf(slot) ?? '';
  }

  /** The card of the task in `slot` (a new object), or undefined when none was kept. */
  card(slot: number): DriverSubject | undefined {
    const wide = this.#wide.get(slot);
    if (wide) return { ...wide };
    const start = (this.#start[slot] ?? NO_CARD) - 1;
    if (start < 0) return undefined;
    let at = start;
    const next = (): string => {
      const length = (this.#chars[at] as number) | ((this.#chars[at + 1] as number) << 8);
      const text = latin1(this.#chars, at + 2, length);
      at += 2 + length;
      return text;
    };
    const id = this.#idOf(slot) ?? '';
    const title = next();
    const dueOn = next();
    const doneAt = next();
    const status = STATUSES[this.#status[slot] as number] ?? 'todo';
    return { id, title, projectId: this.#projectIds[this.#project[slot] as number] ?? '', status, ...(dueOn ? { dueOn } : {}), ...(doneAt ? { doneAt } : {}) };
  }

  /** Appends one part; false (and the arena end left to the caller to reset) at a character above U+00FF. */
  #put(text: string): boolean {
    const length = Math.min(text.length, MAX_PART);
    if (this.#used + 2 + length > this.#chars.length) {
      const chars = new Uint8Array(Math.max(this.#chars.length * 2, this.#used + 2 + length));
      chars.set(this.#chars);
      this.#chars = chars;
    }
    const chars = this.#chars;
    let at = this.#used;
    chars[at++] = length & 0xff;
    chars[at++] = length >> 8;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code > 0xff) return false;
      chars[at++] = code;
    }
    this.#used = at;
    return true;
  }

  #grow(least: number): void {
    const length = Math.max(least, this.#start.length * 2);
    const start = new Int32Array(length);
    start.set(this.#start);
    this.#start = start;
    const project = new Int32Array(length);
    project.set(this.#project);
    this.#project = project;
    const status = new Uint8Array(length);
    status.set(this.#status);
    this.#status = status;
  }
}

/** Latin-1 bytes back to text, in chunks small enough to spread as arguments. */
function latin1(chars: Uint8Array, from: number, length: number): string {
  let text = '';
  for (let at = from; at < from + length; at += 4096) text += String.fromCharCode(...chars.subarray(at, Math.min(from + length, at + 4096)));
  return text;
}
