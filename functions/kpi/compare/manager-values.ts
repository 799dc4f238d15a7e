import type { Calendar, Slot } from '../engine/calendar.ts';
import type { KpiId } from '../catalogue/definitions.ts';
import type { KpiUnit } from '../../config/story-points.ts';
import { C, S, SKETCH, type ManagerTally } from '../engine/manager-tally.ts';
import { ratio } from '../engine/numbers.ts';
import { mondayOf, type People } from '../engine/people.ts';
import type { TeamHours } from '../engine/team-hours.ts';

/**
 * The raw (unrounded) value of every KPI for one PM and one slot, with its sample size and, for
 * rates, the successes behind it. Definitions: ../catalogue/ (delivery.ts, flow.ts).
 */
export interface RawValue {
  value: number | null;
  n: number;
  successes?: number;
  /** What the noise limits scale with when it is not n (throughput per person-week: person-weeks). */
  weight?: number;
  /** In story points: tasks done without points, left out of the value (catalogue/points.ts). */
  unpointed?: number;
  /** Why the value is null: an input the source cannot give (hours-unavailable.ts). */
  unavailable?: string;
}
export type RawValues = Record<string, RawValue>;

/** A value for every KPI of the catalogue: a KPI without a formula here does not compile. */
export function managerValues(m: ManagerTally, slot: number, calendar: Calendar, people: People, unit: KpiUnit = 'items'): Record<KpiId, RawValue> {
  const get = (counter: number): number => m.get(slot, counter);
  const closing = (calendar.slots[slot] as Slot).closingMonth;
  const state = (series: number): number => m.at(series, closing);
  const quantile = (which: number, q: number): RawValue => {
    const sketch = m.peekSketch(slot, which);
    return { value: sketch?.quantile(q) ?? null, n: sketch?.count ?? 0 };
  };
  const due = get(C.due);
  const completions = get(C.completions);
  const estimated = state(S.estimatedByEnd);
  const done = get(C.done);
  // In points, the sum of the pointed tasks' points over as many tasks; the rest are counted apart.
  const throughputOf = unit === 'points' ? { amount: get(C.donePoints), n: get(C.donePointed), unpointed: done - get(C.donePointed) } : { amount: done, n: done };
  const { amount, n: doneN, ...unpointed } = throughputOf;
  const team = teamValues(m.teamHours, slot, calendar, people);
  const teamSize = m.teamHours.size(slot);
  return {
    onTimeRate: { value: ratio(get(C.onTime), due), n: due, successes: get(C.onTime) },
    slipDaysMean: { value: ratio(get(C.slipSum), due), n: due },
    slipDaysP85: quantile(SKETCH.slip, 0.85),
    overdueOpen: { value: state(S.overdue), n: state(S.dueByEnd) },
    overdueOpenShare: { value: ratio(state(S.overdue), state(S.dueByEnd)), n: state(S.dueByEnd), successes: state(S.overdue) },
    slipDaysMeanBaseline: { value: ratio(get(C.baselineSlipSum), get(C.baselineDue)), n: get(C.baselineDue) },
    replannedTasks: { value: get(C.replanned), n: get(C.baselineDue) },
    replanShare: { value: ratio(get(C.replanned), get(C.baselineDue)), n: get(C.baselineDue), successes: get(C.replanned) },
    milestoneHitRate: { value: ratio(get(C.milestoneHit), get(C.milestoneDue)), n: get(C.milestoneDue), successes: get(C.milestoneHit) },
    spi: { value: ratio(state(S.ev), state(S.pv)), n: estimated },
    cpi: { value: ratio(state(S.ev), state(S.ac)), n: estimated },
    estimationAccuracy: { value: ratio(get(C.spentSum), get(C.estimateSum)), n: get(C.estimatedDone) },
    throughput: { value: amount / (calendar.daysIn(slot) / 7), n: doneN, ...unpointed },
    throughputPerPersonWeek: { value: ratio(amount, team.personWeeks), n: doneN, weight: team.personWeeks, ...unpointed },
    cycleTimeP50: quantile(SKETCH.cycle, 0.5),
    cycleTimeP85: quantile(SKETCH.cycle, 0.85),
    leadTimeP50: quantile(SKETCH.lead, 0.5),
    wip: { value: state(S.wip), n: state(S.createdByEnd) },
    wipPerPerson: { value: ratio(state(S.wip), teamSize), n: teamSize },
    // Capped so the rate stays a share (a history that starts mid-way can show a reopen without its completion).
    reopenRate: { value: ratio(Math.min(get(C.reopens), completions), completions), n: completions, successes: Math.min(get(C.reopens), completions) },
    hoursLogged: { value: get(C.hours), n: get(C.entries) },
    ...team.values,
  };
}

/** The team KPIs, and the person-weeks the team spent on the PM's projects (hours ÷ each one's weekly capacity). */
function teamValues(team: TeamHours, slot: number, calendar: Calendar, people: People): { values: Record<'utilization' | 'overtimeShare' | 'workloadBalance', RawValue>; personWeeks: number } {
  const { from, to } = calendar.slots[slot] as Slot;
  let hours = 0;
  let capacity = 0;
  let overtime = 0;
  let weekHours = 0;
  const firstWeek = Math.ceil((from + 3) / 7); // the first week whose Monday is on or after `from`
  let personWeeks = 0;
  const members = team.people(slot);
  const onProjects = team.hoursIn(slot);
  const days = calendar.daysIn(slot);
  // Hoisted out of the loops (this runs per PM, slot, team member and week); the sums still
  // add the same values in the same order, so the figures do not move.
  const weeks = firstWeek - people.firstWeek;
  let lastWeek = firstWeek;
  while (mondayOf(lastWeek) <= to) lastWeek++;
  const weekCount = lastWeek - firstWeek;
  for (let m = 0; m < members.length; m++) {
    const person = members[m] as number;
    const tally = people.tallies[person];
    if (!tally) continue;
    hours += people.slotHours(person, slot);
    const perWeek = tally.capacityPerWeek;
    capacity += (perWeek * days) / 7;
    if (perWeek > 0) personWeeks += (onProjects[m] as number) / perWeek;
    for (let w = 0; w < weekCount; w++) {
      const h = people.weekHours(person, weeks + w);
      weekHours += h;
      overtime += Math.max(0, h - perWeek);
    }
  }
  const n = team.size(slot);
  return {
    values: {
      utilization: { value: ratio(hours, capacity), n },
      overtimeShare: { value: ratio(overtime, weekHours), n },
      workloadBalance: { value: coefficientOfVariation(team.hoursIn(slot)), n },
    },
    personWeeks,
  };
}

/** Population standard deviation over the mean; null without data or when the mean is 0. */
export function coefficientOfVariation(values: ArrayLike<number>): number | null {
  const n = values.length;
  if (n === 0) return null;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] as number;
  const mean = sum / n;
  if (mean === 0) return null;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += ((values[i] as number) - mean) ** 2;
  return Math.sqrt(squares / n) / mean;
}
