import type { Task } from '../../domain/records.ts';
import type { ProjectsDoc } from '../../contract/documents.ts';
import { roundHours } from '../engine/numbers.ts';
import { TaskCards } from '../engine/task-cards.ts';

/** How many unaligned tasks projects.json lists per project, the most hours first. */
export const MAX_UNALIGNED_TASKS = 10;

export type UnalignedTask = NonNullable<ProjectsDoc['projects'][number]['unalignedTasks']>[number];

/**
 * Per project, the tasks that match no theme (the rule of alignment.json's unaligned hours: the
 * task's tags, else its project, against the themes in order) with the most hours in the window.
 * A task's card (its title) is kept when it streams in unaligned, since the hours come later; an
 * entry on no known task is part of its project's unaligned hours but names no task to list.
 */
export class ProjectUnalignedTasks {
  readonly #cards: TaskCards;
  /** Window hours per task slot of the unaligned tasks that have any. */
  readonly #hours = new Map<number, number>();

  constructor(projectIds: readonly string[], idOf: (slot: number) => string | undefined) {
    this.#cards = new TaskCards(projectIds, idOf);
  }

  /** An unaligned task in `slot`, of the project with index `project`. */
  keep(slot: number, task: Task, project: number): void {
    this.#cards.keep(slot, task, project);
  }

  /** Hours of a window entry on the unaligned task in `slot`. */
  addHours(slot: number, hours: number): void {
    this.#hours.set(slot, (this.#hours.get(slot) ?? 0) + hours);
  }

  /** Each project's list, by project id: the most hours first, ties by task id. */
  lists(): Map<string, UnalignedTask[]> {
    const byProject = new Map<string, UnalignedTask[]>();
    for (const [slot, hours] of this.#hours) {
      const card = this.#cards.card(slot);
      if (!card || hours <= 0) continue;
      const list = byProject.get(card.projectId) ?? [];
      list.push({ id: card.id, title: card.title, hours });
      byProject.set(card.projectId, list);
    }
    for (const [id, list] of byProject) {
      list.sort((a, b) => b.hours - a.hours || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      byProject.set(id, list.slice(0, MAX_UNALIGNED_TASKS).map((task) => ({ ...task, hours: roundHours(task.hours) })));
    }
    return byProject;
  }

  /** The projects document with each project's unaligned tasks (an empty list where none has hours). */
  addTo(doc: ProjectsDoc): ProjectsDoc {
    const lists = this.lists();
    return { ...doc, projects: doc.projects.map((project) => ({ ...project, unalignedTasks: lists.get(project.id) ?? [] })) };
  }
}
