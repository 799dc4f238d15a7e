import { DAY_MS, type Calendar } from './calendar.ts';
import type { ManagerTally } from './manager-tally.ts';
import { roundHours } from './numbers.ts';
import { slipOf, type TaskFacts } from './task-tally.ts';

/**
 * Offers a task to its PM's driver lists: tasks that explain a weak KPI in the trailing window.
 * Weights are in the KPI's own terms (days late, hours unearned), so the heaviest come first.
 */

const days = (n: number): string => `${Math.round(n * 10) / 10} day${n === 1 ? '' : 's'}`;
/** A task marked done without a completion time cannot be dated, so it counts as open; say so. */
const openText = (status: string): string => (status === 'done' ? 'marked done without a completion time' : 'open');
const ratioText = (r: number): string => `${Math.round(r * 10) / 10}×`;

export function offerDrivers(m: ManagerTally, facts: TaskFacts, calendar: Calendar): void {
  const { task, dueDay, doneDay } = facts;
  const asOf = calendar.asOf;
  const window = calendar.windowSlot;
  const open = Number.isNaN(doneDay);
  if (dueDay >= window.from && dueDay <= asOf && !(doneDay <= dueDay)) {
    const slip = slipOf(facts, asOf);
    // +1 so a task due today and still open (slip 0) is listed too: it already misses the rate.
    m.drivers.offer('late', slip + 1, task, () => (open ? `${openText(facts.status)}, ${days(slip)} past its due date` : `done ${days(slip)} late`));
  }
  if (open && dueDay <= asOf) {
    m.drivers.offer('overdue', asOf - dueDay + 1, task, () => `${openText(facts.status)}, due ${days(asOf - dueDay)} before the as-of date`);
    if (facts.estimate > 0) m.drivers.offer('unearned', facts.estimate, task, () => `${roundHours(facts.estimate)} h planned by ${task.dueOn}, not earned`);
  }
  const spent = facts.spentHours;
  if (spent !== undefined && facts.hasEstimate && spent > facts.estimate) {
    m.drivers.offer('overrun', spent - facts.estimate, task, () => `${roundHours(spent - facts.estimate)} h over its ${roundHours(facts.estimate)} h estimate`);
  }
  if (open || doneDay < window.from) return; // a done day implies a doneAt
  offerDoneDrivers(m, facts);
}

function offerDoneDrivers(m: ManagerTally, facts: TaskFacts): void {
  const { task } = facts;
  const done = facts.doneMs;
  const lead = (done - facts.createdMs) / DAY_MS;
  m.drivers.offer('lead', lead, task, () => `${days(Math.round(lead * 10) / 10)} from created to done`);
  if (!Number.isNaN(facts.startedMs)) {
    const cycle = (done - facts.startedMs) / DAY_MS;
    m.drivers.offer('cycle', cycle, task, () => `${days(Math.round(cycle * 10) / 10)} from start to done`);
  }
  const spent = facts.spentHours;
  if (spent !== undefined && facts.estimate > 0 && spent > 0) {
    const ratio = spent / facts.estimate;
    m.drivers.offer('estimate', Math.abs(Math.log(ratio)), task, () => `${ratioText(ratio)} its estimate`);
  }
}
