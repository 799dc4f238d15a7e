import type { KpiUnit } from '../config/story-points.ts';
import type { Task } from '../domain/index.ts';
import { dayNumber } from '../kpi/engine/calendar.ts';
import { dayReader } from '../kpi/engine/zone-day.ts';

/**
 * What the forecast needs of one group of tasks: done per past week, open now, latest due date.
 * Amounts are in the unit counted (`kpi.unit`): tasks, or story points. In points, tasks without
 * points add nothing to `weekly` or `open` and are counted apart.
 */
export interface FlowTally {
  /** weekly[0] is the week ending at asOf, weekly[1] the week before, ... */
  weekly: number[];
  open: number;
  /** Tasks done in the history weeks that the amounts count (in points: those with points). */
  doneItems: number;
  /** In points: open tasks without points, and tasks done in the history weeks without points. */
  unpointedOpen: number;
  unpointedDone: number;
  /** Open tasks that `open` counts (in points: those with points). */
  openItems: number;
  latestDue?: string;
}

export function emptyTally(historyWeeks: number): FlowTally {
  return { weekly: new Array<number>(historyWeeks).fill(0), open: 0, doneItems: 0, unpointedOpen: 0, unpointedDone: 0, openItems: 0 };
}

/**
 * Streams tasks into per-project tallies. Memory grows with projects × history weeks.
 * A task counts as done only when it was done on or before asOf, so forecasting a past
 * day gives what that day would have said.
 */
export function createThroughputCounter(asOf: string, historyWeeks: number, timeZone?: string, unit: KpiUnit = 'items') {
  // Days in kpi.timeZone, or as the source wrote them (zone-day.ts), like every other figure.
  const { dayOf } = dayReader(timeZone);
  const asOfDay = dayNumber(asOf);
  const tallies = new Map<string, FlowTally>();
  const tallyOf = (projectId: string) => {
    let tally = tallies.get(projectId);
    if (!tally) tallies.set(projectId, (tally = emptyTally(historyWeeks)));
    return tally;
  };
  return {
    addTasks(tasks: readonly Task[]) {
      for (const task of tasks) {
        if (dayOf(task.createdAt) > asOfDay) continue;
        const tally = tallyOf(task.projectId);
        if (task.dueOn && (!tally.latestDue || task.dueOn > tally.latestDue)) tally.latestDue = task.dueOn;
        const doneDay = task.status === 'done' && task.doneAt !== undefined ? dayOf(task.doneAt) : undefined;
        const amount = unit === 'items' ? 1 : task.storyPoints;
        if (task.status !== 'done' || (doneDay !== undefined && doneDay > asOfDay)) {
          if (amount === undefined) tally.unpointedOpen++;
          else {
            tally.open += amount;
            tally.openItems++;
          }
          continue;
        }
        if (doneDay === undefined) continue;
        const week = Math.floor((asOfDay - doneDay) / 7);
        if (week < 0 || week >= historyWeeks) continue;
        if (amount === undefined) tally.unpointedDone++;
        else {
          tally.weekly[week]! += amount;
          tally.doneItems++;
        }
      }
    },
    tallies: () => tallies,
  };
}

/** Adds tallies week by week: a PM's or portfolio's flow is the sum of its projects'. */
export function sumTallies(parts: readonly FlowTally[], historyWeeks: number): FlowTally {
  const total = emptyTally(historyWeeks);
  for (const part of parts) {
    part.weekly.forEach((done, week) => (total.weekly[week]! += done));
    total.open += part.open;
    total.openItems += part.openItems;
    total.doneItems += part.doneItems;
    total.unpointedOpen += part.unpointedOpen;
    total.unpointedDone += part.unpointedDone;
    if (part.latestDue && (!total.latestDue || part.latestDue > total.latestDue)) total.latestDue = part.latestDue;
  }
  return total;
}
