import type { Calendar } from './calendar.ts';
import { C } from './manager-tally.ts';
import { roundHours } from './numbers.ts';
import type { ManagerGroup } from './org.ts';
import type { DriverSubject, TaskCards } from './task-cards.ts';
import type { TaskIndex } from './task-index.ts';

/**
 * What can only be counted once the time entries are in: a task's spent hours as of the as-of
 * date (its entries dated by then; the source's own total only for a task no entry names, see
 * TaskIndex.spentOf), so estimation accuracy and the 'estimate' and 'overrun' driver lists. One
 * pass over the compact per-task arrays; a task is only built from its card when it enters a list.
 */
export function countEstimation(index: TaskIndex, cards: TaskCards, managers: readonly ManagerGroup[], calendar: Calendar): void {
  const slots = new Int32Array(3); // scratch for Calendar.slotsOf: no closure per task
  const window = calendar.windowSlot;
  const build = (slot: number): DriverSubject | undefined => subjectOf(index, cards, slot);
  for (let slot = 0; slot < index.size; slot++) {
    const m = managers[index.manager[slot] ?? -1]?.tally;
    const estimate = index.estimate[slot] as number;
    const spent = index.spentOf(slot);
    // No estimate or no spent hours: nothing to compare (NaN fails every test below).
    if (!m || Number.isNaN(estimate) || Number.isNaN(spent)) continue;
    if (spent > estimate) m.drivers.offerBuilt('overrun', spent - estimate, build, slot, describeOverrun, estimate, spent - estimate);
    const doneDay = index.doneDay[slot] as number;
    // Left out of the work ratio: no estimate to compare with, or no time spent by the as-of date
    // (a task whose entries all came later has spent 0, not its source total).
    if (Number.isNaN(doneDay) || !(estimate > 0) || !(spent > 0)) continue;
    const count = calendar.slotsOf(doneDay, slots);
    for (let i = 0; i < count; i++) {
      const at = slots[i] as number;
      m.count(at, C.estimatedDone);
      m.count(at, C.estimateSum, estimate);
      m.count(at, C.spentSum, spent);
    }
    if (doneDay >= window.from) {
      const ratio = spent / estimate;
      m.drivers.offerBuilt('estimate', Math.abs(Math.log(ratio)), build, slot, describeRatio, estimate, ratio);
    }
  }
}

/** The task's card with its estimate and its spent hours as of the as-of date, and where they come from. */
function subjectOf(index: TaskIndex, cards: TaskCards, slot: number): DriverSubject | undefined {
  const card = cards.card(slot);
  if (!card) return undefined;
  card.estimateHours = index.estimate[slot] as number;
  card.spentHours = index.spentOf(slot);
  card.spentFrom = Number.isNaN(index.entryHours[slot] as number) ? 'sourceTotal' : 'entries';
  return card;
}

const describeOverrun = (estimate: number, over: number): string => `${roundHours(over)} h over its ${roundHours(estimate)} h estimate`;
const describeRatio = (_: number, ratio: number): string => `${Math.round(ratio * 10) / 10}× its estimate`;
