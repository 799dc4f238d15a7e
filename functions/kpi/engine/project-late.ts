import type { DriverTask, ProjectsDoc } from '../../contract/documents.ts';
import type { Calendar } from './calendar.ts';
import { DriverPicker } from './driver-picker.ts';
import { describe } from './task-drivers.ts';
import { slipOf, type TaskFacts } from './task-tally.ts';

/** How many late tasks projects.json lists per project, the latest first. */
export const MAX_LATE_TASKS = 10;

/**
 * Per project, the tasks that were late in the window: due in the window and not done by their
 * due day (open ones count up to the as-of day), weighted by days late, the same rule and words as
 * a PM's 'late' drill-down list. Memory: at most one bounded list per project with such a task.
 */
export class ProjectLateTasks {
  readonly #pickers = new Map<number, DriverPicker>();

  offer(projectIndex: number, facts: TaskFacts, calendar: Calendar): void {
    const { dueDay, doneDay } = facts;
    if (!(dueDay >= calendar.windowSlot.from && dueDay <= calendar.asOf) || doneDay <= dueDay) return;
    let picker = this.#pickers.get(projectIndex);
    if (!picker) this.#pickers.set(projectIndex, (picker = new DriverPicker()));
    const slip = slipOf(facts, calendar.asOf);
    picker.offer('late', slip + 1, facts.task, describe.late, facts, slip);
  }

  list(projectIndex: number): DriverTask[] {
    return this.#pickers.get(projectIndex)?.list('late').slice(0, MAX_LATE_TASKS) ?? [];
  }

  /** The projects document with each project's late tasks; `indexOf` maps a project id to its index. */
  addTo(doc: ProjectsDoc, indexOf: (projectId: string) => number): ProjectsDoc {
    return { ...doc, projects: doc.projects.map((project) => ({ ...project, lateTasks: this.list(indexOf(project.id)) })) };
  }
}
