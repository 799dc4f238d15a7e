import type { Task, TimeEntry } from '../domain/records.ts';
import { dayOf, inWindow, type Window } from './window.ts';

/**
 * Running totals of one project: everything the PM and project KPIs need, kept as sums so the
 * engine's memory grows with projects, not with tasks or time entries.
 */
export interface ProjectTally {
  tasks: number;
  /** Done by the as-of date. */
  doneTasks: number;
  /** Tasks with an estimate: the sample size of SPI and CPI. */
  estimatedTasks: number;
  bac: number;
  pv: number;
  ev: number;
  /** Hours logged on or before the as-of date. */
  ac: number;
  dueInWindow: number;
  onTimeInWindow: number;
  hoursInWindow: number;
  entriesInWindow: number;
}

export function emptyTally(): ProjectTally {
  return {
    tasks: 0, doneTasks: 0, estimatedTasks: 0, bac: 0, pv: 0, ev: 0, ac: 0,
    dueInWindow: 0, onTimeInWindow: 0, hoursInWindow: 0, entriesInWindow: 0,
  };
}

/**
 * The day a task was done, or undefined. A task counts as done only when its status says so and
 * the source dates it: without doneAt neither on-time delivery nor EV by a date can be decided.
 */
export function doneDay(task: Task): string | undefined {
  return task.status === 'done' && task.doneAt ? dayOf(task.doneAt) : undefined;
}

export function tallyTask(tally: ProjectTally, task: Task, asOf: string, window: Window): void {
  const done = doneDay(task);
  const doneByAsOf = done !== undefined && done <= asOf;
  tally.tasks += 1;
  if (doneByAsOf) tally.doneTasks += 1;
  // Earned value, rule 0/100: the whole estimate is planned on the due date and earned when done.
  if (task.estimateHours !== undefined) {
    tally.estimatedTasks += 1;
    tally.bac += task.estimateHours;
    if (task.dueOn !== undefined && task.dueOn <= asOf) tally.pv += task.estimateHours;
    if (doneByAsOf) tally.ev += task.estimateHours;
  }
  if (task.dueOn !== undefined && inWindow(task.dueOn, window)) {
    tally.dueInWindow += 1;
    if (done !== undefined && done <= task.dueOn) tally.onTimeInWindow += 1;
  }
}

/** Adds an entry already known to be dated on or before the as-of date. */
export function tallyEntry(tally: ProjectTally, entry: TimeEntry, window: Window): void {
  tally.ac += entry.hours;
  if (inWindow(entry.date, window)) {
    tally.hoursInWindow += entry.hours;
    tally.entriesInWindow += 1;
  }
}

/** Sums tallies field by field: a PM's figures are the sums over their projects, never averages of ratios. */
export function sumTallies(tallies: Iterable<ProjectTally>): ProjectTally {
  const total = emptyTally();
  for (const tally of tallies) {
    for (const key of Object.keys(total) as (keyof ProjectTally)[]) total[key] += tally[key];
  }
  return total;
}
