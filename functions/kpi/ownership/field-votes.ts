import type { Task } from '../../domain/records.ts';
import type { FieldVotes } from './project-ownership.ts';

/**
 * Counts, per project, the people its tasks name in the source's PM field (Jira: a user-picker
 * field on the issues). Counted from the stored tasks at compute time rather than kept on the
 * project, so an incremental sync that reads only changed issues still yields the whole count.
 */
export class FieldVoteTally {
  readonly #votes = new Map<string, Map<string, number>>();

  addTasks(tasks: readonly Task[]): void {
    for (const task of tasks) {
      if (task.pmFieldId === undefined) continue;
      let counts = this.#votes.get(task.projectId);
      if (!counts) this.#votes.set(task.projectId, (counts = new Map()));
      counts.set(task.pmFieldId, (counts.get(task.pmFieldId) ?? 0) + 1);
    }
  }

  get votes(): FieldVotes {
    return this.#votes;
  }
}
