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
  /** Per project index: window hours per task slot of its unaligned tasks that have any. */
  readonly #hours: (Map<number, number> | undefined)[] = [];
  readonly #projectIds: readonly string[];

  constructor(projectIds: readonly string[], idOf: (slot: number) => string | undefined) {
    this.#cards = new TaskCards(projectIds, idOf);
    this.#projectIds = projectIds;
  }

  /** An unaligned task in `slot`, of the project with index `project`. */
  keep(slot: number, task: Task, project: number): void {
    this.#cards.keep(slot, task, project);
  }

  /** Hours of a window entry on the unaligned task in `slot`, of the project with index `project`. */
  addHours(slot: number, project: number, hours: number): void {
    const byTask = (this.#hours[project] ??= new Map());
    byTask.set(slot, (byTask.get(slot) ?? 0) + hours);
  }

  /**
   * Each project's list, by project id: the most hours first, ties by task id. Only the listed
   * tasks' cards are read back (a card becomes strings, and a project may have thousands).
   */
  lists(): Map<string, UnalignedTask[]> {
    const byProject = new Map<string, UnalignedTask[]>();
    this.#hours.forEach((byTask, project) => {
      if (!byTask) return;
      const ranked = [...byTask].filter(([, hours]) => hours > 0).sort((a, b) => b[1] - a[1] || this.#byId(a[0], b[0]));
      const list = ranked.slice(0, MAX_UNALIGNED_TASKS).flatMap(([slot, hours]) => {
        const card = this.#cards.card(slot);
        return card ? [{ id: card.id, title: card.title, hours: roundHours(hours) }] : [];
      });
      byProject.set(this.#projectIds[project] ?? '', list);
    });
    return byProject;
  }

  #byId(a: number, b: number): number {
    const x = this.#cards.idOf(a);
    const y = this.#cards.idOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  /** The projects document with each project's unaligned tasks (an empty list where none has hours). */
  addTo(doc: ProjectsDoc): ProjectsDoc {
    const lists = this.lists();
    return { ...doc, projects: doc.projects.map((project) => ({ ...project, unalignedTasks: lists.get(project.id) ?? [] })) };
  }
}
