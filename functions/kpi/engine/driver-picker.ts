import type { DriverTask } from '../../contract/documents.ts';
import { roundHours } from './numbers.ts';
import type { DriverSubject } from './task-cards.ts';

/**
 * For drill-down: per PM and kind of trouble, the tasks that weigh most on a KPI. Each list keeps
 * at most MAX_DRIVERS tasks, so memory stays bounded per PM; a task only costs an allocation when
 * it enters a list.
 */

export const MAX_DRIVERS = 20;

export const DRIVER_KINDS = ['late', 'overdue', 'cycle', 'lead', 'estimate', 'unearned', 'overrun'] as const;
export type DriverKind = (typeof DRIVER_KINDS)[number];

interface Candidate {
  weight: number;
  task: DriverSubject;
  reason: string;
}

/** A full list remembers its lightest candidate: most offers are lighter and leave at one comparison. */
interface Kept {
  candidates: Candidate[];
  lightest: number;
}

export class DriverPicker {
  readonly #lists = new Map<DriverKind, Kept>();

  /** `describe(subject, value)` says why; it is only called when the task makes it into the list. */
  offer<S>(kind: DriverKind, weight: number, task: DriverSubject, describe: (subject: S, value: number) => string, subject: S, value: number): void {
    if (!(weight > 0)) return;
    let kept = this.#lists.get(kind);
    if (!kept) this.#lists.set(kind, (kept = { candidates: [], lightest: 0 }));
    const list = kept.candidates;
    if (list.length < MAX_DRIVERS) {
      list.push({ weight, task, reason: describe(subject, value) });
      if (list.length === MAX_DRIVERS) kept.lightest = lightestOf(list);
      return;
    }
    const current = list[kept.lightest] as Candidate;
    // Ties keep the smaller task id, so the list does not depend on the order records arrive in.
    if (!(weight > current.weight || (weight === current.weight && task.id < current.task.id))) return;
    list[kept.lightest] = { weight, task, reason: describe(subject, value) };
    kept.lightest = lightestOf(list);
  }

  /**
   * As offer, for a task known by its slot: `task(slot)` builds it only when it can enter the list
   * (lighter offers, most of them, leave at one comparison and build nothing).
   */
  offerBuilt<S>(kind: DriverKind, weight: number, task: (slot: number) => DriverSubject | undefined, slot: number, describe: (subject: S, value: number) => string, subject: S, value: number): void {
    if (!(weight > 0)) return;
    const kept = this.#lists.get(kind);
    if (kept && kept.candidates.length === MAX_DRIVERS && weight < (kept.candidates[kept.lightest] as Candidate).weight) return;
    const built = task(slot);
    if (built) this.offer(kind, weight, built, describe, subject, value);
  }

  /** Heaviest first, then by task id. */
  list(kind: DriverKind): DriverTask[] {
    const list = [...(this.#lists.get(kind)?.candidates ?? [])];
    list.sort((a, b) => b.weight - a.weight || (a.task.id < b.task.id ? -1 : a.task.id > b.task.id ? 1 : 0));
    return list.map(({ task, reason }) => ({
      id: task.id,
      title: task.title,
      projectId: task.projectId,
      status: task.status,
      ...(task.dueOn === undefined ? {} : { dueOn: task.dueOn }),
      ...(task.doneAt === undefined ? {} : { doneAt: task.doneAt }),
      ...(task.estimateHours === undefined ? {} : { estimateHours: roundHours(task.estimateHours) }),
      ...(task.spentHours === undefined ? {} : { spentHours: roundHours(task.spentHours) }),
      ...(task.spentFrom === undefined ? {} : { spentFrom: task.spentFrom }),
      reason,
    }));
  }
}

/** Index of the candidate the next heavier offer replaces: the lightest, the first of equal weights. */
function lightestOf(list: readonly Candidate[]): number {
  let lightest = 0;
  for (let i = 1; i < list.length; i++) if ((list[i] as Candidate).weight < (list[lightest] as Candidate).weight) lightest = i;
  return lightest;
}
