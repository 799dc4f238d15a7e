/**
 * Running totals of one project at the as-of date: counts, earned value in hours and, where
 * people have a rate, in currency. Kept as sums, so memory grows with projects, not with tasks.
 */
export interface ProjectTally {
  tasks: number;
  /** Done by the as-of date. */
  doneTasks: number;
  /** Tasks with an estimate. */
  estimatedTasks: number;
  bac: number;
  pv: number;
  ev: number;
  /** Hours logged on or before the as-of date. */
  ac: number;
  hoursInWindow: number;
  entriesInWindow: number;
  unalignedHoursInWindow: number;
  /** Tasks due by the as-of date (current due date) and their summed slip in days. */
  currentDue: number;
  currentSlipSum: number;
  /** Tasks whose baseline due date is by the as-of date, their summed slip against it, and those re-planned. */
  baselineDue: number;
  baselineSlipSum: number;
  replanned: number;
  /** The same earned-value figures costed at people's rates; `costed` counts the hours that had a rate. */
  cost: { bac: number; pv: number; ev: number; ac: number; costed: number };
}

export function emptyTally(): ProjectTally {
  return {
    tasks: 0, doneTasks: 0, estimatedTasks: 0, bac: 0, pv: 0, ev: 0, ac: 0,
    hoursInWindow: 0, entriesInWindow: 0, unalignedHoursInWindow: 0,
    currentDue: 0, currentSlipSum: 0, baselineDue: 0, baselineSlipSum: 0, replanned: 0,
    cost: { bac: 0, pv: 0, ev: 0, ac: 0, costed: 0 },
  };
}

/** Sums tallies field by field: a PM's or portfolio's figures are sums over projects, never averages of ratios. */
export function sumTallies(tallies: Iterable<ProjectTally>): ProjectTally {
  const total = emptyTally();
  for (const tally of tallies) {
    for (const key of Object.keys(total) as (keyof ProjectTally)[]) {
      if (key !== 'cost') total[key] += tally[key];
    }
    for (const key of Object.keys(total.cost) as (keyof ProjectTally['cost'])[]) total.cost[key] += tally.cost[key];
  }
  return total;
}
