import type { DoneDating } from '../../contract/done-dating.ts';
import type { Task } from '../../domain/records.ts';

/** Counts, per source, which rule dated each done task (contract/done-dating.ts). */
export class DoneDatingTally {
  readonly #bySource = new Map<string, DoneDating>();

  add(task: Task): void {
    if (task.status !== 'done') return;
    let row = this.#bySource.get(task.source);
    if (!row) this.#bySource.set(task.source, (row = { source: task.source, done: 0, resolution: 0, changelog: 0, statusCategoryChange: 0, sourceTime: 0, undated: 0 }));
    row.done += 1;
    if (task.doneAt === undefined) row.undated += 1;
    else row[task.doneFrom ?? 'sourceTime'] += 1;
  }

  finish(): DoneDating[] {
    return [...this.#bySource.values()].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  }
}
