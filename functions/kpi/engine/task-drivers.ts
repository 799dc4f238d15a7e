import { DAY_MS, dateOfDay, type Calendar } from './calendar.ts';
import type { ManagerTally } from './manager-tally.ts';
import { roundHours } from './numbers.ts';
import { slipOf, type TaskFacts } from './task-tally.ts';

/**
 * Offers a task to its PM's driver lists: tasks that explain a weak KPI in the trailing window.
 * Weights are in the KPI's own terms (days late, hours unearned), so the heaviest come first.
 * The 'estimate' and 'overrun' lists wait for the time entries (estimation-pass.ts).
 */

const days = (n: number): string => `${Math.round(n * 10) / 10} day${n === 1 ? '' : 's'}`;
/**
 * Why a task with no done day by the as-of date counts as open. A done task with a completion time
 * was finished after the as-of date (nothing dated later counts); one without cannot be dated.
 */
const openText = (facts: TaskFacts): string => {
  if (facts.status !== 'done') return 'open';
  return facts.task.doneAt === undefined ? 'marked done without a completion time' : 'done after the as-of date';
};

/**
 * How each list says why a task is in it, from the task's facts and one number (the slip, the
 * overrun, …). Functions at module level, not closures at each offer: a million tasks would
 * otherwise build a few million closures that are almost never called.
 */
export const describe = {
  late: (facts: TaskFacts, slip: number) => (Number.isNaN(facts.doneDay) ? `${openText(facts)}, ${days(slip)} past its due date` : `done ${days(slip)} late`),
  overdue: (facts: TaskFacts, daysOverdue: number) => `${openText(facts)}, due ${days(daysOverdue)} before the as-of date`,
  // What earned value planned (kpi.pvBasis): today's due date and estimate, or the baseline's.
  unearned: (facts: TaskFacts) => `${roundHours(facts.planEstimate)} h planned by ${dateOfDay(facts.planDueDay)}, not earned`,
  lead: (_: TaskFacts, lead: number) => `${days(Math.round(lead * 10) / 10)} from created to done`,
  cycle: (_: TaskFacts, cycle: number) => `${days(Math.round(cycle * 10) / 10)} from start to done`,
};

export function offerDrivers(m: ManagerTally, facts: TaskFacts, calendar: Calendar): void {
  const { task, dueDay, doneDay } = facts;
  const asOf = calendar.asOf;
  const window = calendar.windowSlot;
  const open = Number.isNaN(doneDay);
  const drivers = m.drivers;
  if (dueDay >= window.from && dueDay <= asOf && !(doneDay <= dueDay)) {
    const slip = slipOf(facts, asOf);
    // +1 so a task due today and still open (slip 0) is listed too: it already misses the rate.
    drivers.offer('late', slip + 1, task, describe.late, facts, slip);
  }
  if (open && dueDay <= asOf) drivers.offer('overdue', asOf - dueDay + 1, task, describe.overdue, facts, asOf - dueDay);
  if (open && facts.hasEstimate && facts.planDueDay <= asOf && facts.planEstimate > 0) drivers.offer('unearned', facts.planEstimate, task, describe.unearned, facts, 0);
  if (open || doneDay < window.from) return; // a done day implies a doneAt
  offerDoneDrivers(m, facts);
}

function offerDoneDrivers(m: ManagerTally, facts: TaskFacts): void {
  const { task } = facts;
  const done = facts.doneMs;
  const lead = (done - facts.createdMs) / DAY_MS;
  m.drivers.offer('lead', lead, task, describe.lead, facts, lead);
  if (!Number.isNaN(facts.startedMs)) {
    const cycle = (done - facts.startedMs) / DAY_MS;
    m.drivers.offer('cycle', cycle, task, describe.cycle, facts, cycle);
  }
}
