import type { Task } from '../../domain/records.ts';
import type { DayOf } from './zone-day.ts';

/**
 * What was promised: a task's baseline due date and estimate, and how often its due date was
 * re-planned, read from the source's history of changes (Jira changelog, Asana stories).
 *
 * The baseline is the first value ever set: the value before the first recorded change when the
 * task was created with one (sources do not record the creation itself as a change), else the
 * value the first change set. Every later change to a different value (or to none) is a re-plan.
 * As of means as of: changes dated after the as-of day are ignored, and the value in force at the
 * as-of day is the `from` of the first later change (else the task's own value).
 */

export interface TaskPlan {
  baselineDueOn: string | undefined;
  /** Due-date changes after the baseline, dated by the as-of day, that moved the date. */
  dueMoves: number;
  baselineEstimateHours: number | undefined;
}

interface Change<V> {
  at: string;
  from?: V | undefined;
  to?: V | undefined;
}

/** The plan of a task as known at the as-of day (a day number, as `dayOf` returns). */
export function planOf(task: Task, asOf: number, dayOf: DayOf): TaskPlan {
  const due = historyOf(task.dueOn, task.dueChanges, asOf, dayOf);
  const estimates = task.estimateChanges?.map((change) => ({ at: change.at, from: change.fromHours, to: change.toHours }));
  const estimate = historyOf(task.estimateHours, estimates, asOf, dayOf);
  return { baselineDueOn: due.baseline, dueMoves: due.moves, baselineEstimateHours: estimate.baseline };
}

function historyOf<V extends string | number>(current: V | undefined, changes: readonly Change<V>[] | undefined, asOf: number, dayOf: DayOf): { baseline: V | undefined; moves: number } {
  if (changes === undefined || changes.length === 0) return { baseline: current, moves: 0 };
  const known: Change<V>[] = [];
  let later: Change<V> | undefined;
  for (const change of changes) {
    if (dayOf(change.at) <= asOf) known.push(change);
    else if (later === undefined) later = change;
  }
  const asOfValue = later ? later.from : current;
  if (known.length === 0) return { baseline: asOfValue, moves: 0 };
  // The values in turn: before the first change, after each change, the last one the value in force.
  const values: (V | undefined)[] = [known[0]!.from, ...known.map((change) => change.to)];
  values[values.length - 1] = asOfValue;
  const first = values.findIndex((value) => value !== undefined);
  if (first < 0) return { baseline: undefined, moves: 0 };
  let moves = 0;
  for (let i = first + 1; i < values.length; i++) if (values[i] !== values[i - 1]) moves += 1;
  return { baseline: values[first], moves };
}
