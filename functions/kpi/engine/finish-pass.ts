import { DAY_MS, type Calendar } from './calendar.ts';
import { S, SKETCH } from './manager-tally.ts';
import type { ManagerGroup } from './org.ts';
import type { TaskIndex } from './task-index.ts';

/**
 * What can only be counted once the status history is in: cycle time (first in-progress → done)
 * and work in progress at each month end. One pass over the compact per-task arrays.
 */
export function countFlow(index: TaskIndex, managers: readonly ManagerGroup[], calendar: Calendar): void {
  const slots = new Int32Array(3); // scratch for Calendar.slotsOf: no closure per task
  for (let slot = 0; slot < index.size; slot++) {
    const m = managers[index.manager[slot] ?? -1]?.tally;
    const start = index.startMs(slot);
    if (!m || Number.isNaN(start)) continue;
    const doneDay = index.doneDay[slot] ?? Number.NaN;
    const startDay = index.startDay[slot] ?? Number.NaN; // in the configured zone, not the UTC day of `start`
    m.holdBetween(S.wip, calendar.firstMonthEndFrom(startDay), Number.isNaN(doneDay) ? undefined : calendar.firstMonthEndFrom(doneDay));
    if (Number.isNaN(doneDay)) continue;
    const cycleDays = Math.max(0, ((index.doneMs[slot] ?? start) - start) / DAY_MS);
    const count = calendar.slotsOf(doneDay, slots);
    for (let i = 0; i < count; i++) m.sketch(slots[i] as number, SKETCH.cycle).add(cycleDays);
  }
}
