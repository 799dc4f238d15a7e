import type { Task } from '../../domain/records.ts';
import { planOf } from './baseline.ts';
import { DAY_MS, dayNumber, type Calendar } from './calendar.ts';
import { C, S, SKETCH, type ManagerTally } from './manager-tally.ts';
import type { ProjectTally } from './project-tally.ts';
import { instantMs } from '../structures/instant.ts';
import type { KpiSettings } from './settings.ts';
import type { DayOf } from './zone-day.ts';

/**
 * What one task adds to its project's and its PM's figures, in one pass when it streams in.
 * Dates become day numbers once; everything after is arithmetic on them.
 */

export interface TaskFacts {
  task: Task;
  /**
   * The task's fields the tallies read, copied once: tasks come in many shapes (optional fields
   * present or not), so reading `task.x` in every tally is a slow lookup each time; facts have one shape.
   */
  status: Task['status'];
  hasEstimate: boolean;
  milestone: boolean;
  /** Day numbers; NaN when absent. Done means done by the as-of date. */
  dueDay: number;
  doneDay: number;
  createdDay: number;
  /** Day the task earns half its value under the 50/50 rule; NaN when not started. */
  startDay: number;
  /** Day of the task's own startedAt (NaN without), even after the as-of date. */
  startedDay: number;
  estimate: number;
  /** Story points, or NaN without. */
  points: number;
  /** Day of the baseline due date (the first one set, baseline.ts); NaN without a due date. */
  baselineDueDay: number;
  /** The due date moved after the baseline, by the as-of date. */
  replanned: boolean;
  /** What earned value plans with (`kpi.pvBasis`): the current due day and estimate, or the baseline's. */
  planDueDay: number;
  planEstimate: number;
  /** Cost per hour of the assignee, or NaN. */
  rate: number;
  /** Instants in ms, each parsed once: startedAt (NaN without), and doneAt and createdAt of a task done by asOf (else NaN: only lead time reads them). */
  startedMs: number;
  doneMs: number;
  createdMs: number;
}

/**
 * The facts of a task. With `into`, they are written into that object and it is returned: the
 * engine reads one task at a time and keeps no facts, so one object serves every task instead of
 * a million short-lived ones for the garbage collector.
 */
export function factsOf(task: Task, calendar: Calendar, dayOf: DayOf, rate: number | undefined, into: TaskFacts = blankFacts(task), pvBasis: KpiSettings['pvBasis'] = 'current'): TaskFacts {
  const asOf = calendar.asOf;
  const { status, doneAt: doneText, startedAt, createdAt, dueOn, estimateHours, type } = task;
  // Days of date-times in the configured zone (zone-day.ts); dueOn is a plain date, a day already.
  const done = status === 'done' && doneText !== undefined ? dayOf(doneText) : Number.NaN;
  const doneDay = done <= asOf ? done : Number.NaN;
  const started = startedAt === undefined ? Number.NaN : dayOf(startedAt);
  // Without a start time a done task started no later than it was done; an open one counts as started now.
  const startDay = started <= asOf ? started : !Number.isNaN(doneDay) ? doneDay : status === 'in_progress' ? asOf : Number.NaN;
  const doneAt = Number.isNaN(doneDay) ? undefined : doneText;
  into.task = task;
  into.status = status;
  into.hasEstimate = estimateHours !== undefined;
  into.milestone = type !== undefined && type.toLowerCase() === 'milestone';
  into.dueDay = dueOn === undefined ? Number.NaN : dayNumber(dueOn);
  into.doneDay = doneDay;
  into.createdDay = dayOf(createdAt);
  into.startDay = startDay;
  into.startedDay = started;
  into.estimate = estimateHours ?? 0;
  into.points = task.storyPoints ?? Number.NaN;
  // Most tasks have no plan history: their baseline is today's plan, read without a call.
  const plan = task.dueChanges === undefined && task.estimateChanges === undefined ? undefined : planOf(task, asOf, dayOf);
  into.baselineDueDay = plan === undefined ? into.dueDay : plan.baselineDueOn === undefined ? Number.NaN : dayNumber(plan.baselineDueOn);
  into.replanned = plan !== undefined && plan.dueMoves > 0;
  // A performance-measurement baseline: planned value at the promised day, in the promised hours.
  const baseline = pvBasis === 'baseline';
  into.planDueDay = baseline && !Number.isNaN(into.baselineDueDay) ? into.baselineDueDay : into.dueDay;
  into.planEstimate = baseline ? (plan?.baselineEstimateHours ?? into.estimate) : into.estimate;
  into.rate = rate ?? Number.NaN;
  into.startedMs = startedAt === undefined ? Number.NaN : instantMs(startedAt);
  into.doneMs = doneAt === undefined ? Number.NaN : instantMs(doneAt);
  into.createdMs = doneAt === undefined ? Number.NaN : instantMs(createdAt);
  return into;
}

/** Facts with every field present (NaN, 0, false), to be filled by factsOf. */
export function blankFacts(task: Task): TaskFacts {
  return {
    task, status: task.status, hasEstimate: false, milestone: false,
    dueDay: Number.NaN, doneDay: Number.NaN, createdDay: Number.NaN, startDay: Number.NaN, startedDay: Number.NaN,
    estimate: 0, points: Number.NaN, baselineDueDay: Number.NaN, replanned: false, planDueDay: Number.NaN, planEstimate: 0, rate: Number.NaN, startedMs: Number.NaN, doneMs: Number.NaN, createdMs: Number.NaN,
  };
}

/** Earned value as of a day under the configured rule. */
export function earnedBy(facts: TaskFacts, day: number, rule: KpiSettings['evmRule']): number {
  if (facts.doneDay <= day) return facts.planEstimate;
  return rule === '50/50' && facts.startDay <= day ? facts.planEstimate / 2 : 0;
}

export function tallyProjectTask(tally: ProjectTally, facts: TaskFacts, asOf: number, rule: KpiSettings['evmRule']): void {
  tally.tasks += 1;
  if (!Number.isNaN(facts.doneDay)) tally.doneTasks += 1;
  tallyProjectPlan(tally, facts, asOf);
  if (!facts.hasEstimate) return;
  tally.estimatedTasks += 1;
  const planned = facts.planDueDay <= asOf ? facts.planEstimate : 0;
  const earned = earnedBy(facts, asOf, rule);
  tally.bac += facts.planEstimate;
  tally.pv += planned;
  tally.ev += earned;
  if (!Number.isNaN(facts.rate)) {
    tally.cost.bac += facts.planEstimate * facts.rate;
    tally.cost.pv += planned * facts.rate;
    tally.cost.ev += earned * facts.rate;
  }
}

/** Slip in whole days as known at the as-of date: late tasks to their done day, open ones to asOf. */
export const slipOf = (facts: TaskFacts, asOf: number, dueDay = facts.dueDay): number => Math.max(0, (Number.isNaN(facts.doneDay) ? asOf : facts.doneDay) - dueDay);

/** A project's plan figures over its tasks due by the as-of date: slip against each date and re-plans. */
function tallyProjectPlan(tally: ProjectTally, facts: TaskFacts, asOf: number): void {
  if (facts.dueDay <= asOf) {
    tally.currentDue += 1;
    tally.currentSlipSum += slipOf(facts, asOf);
  }
  if (!(facts.baselineDueDay <= asOf)) return;
  tally.baselineDue += 1;
  tally.baselineSlipSum += slipOf(facts, asOf, facts.baselineDueDay);
  if (facts.replanned) tally.replanned += 1;
}

/** Scratch for Calendar.slotsOf, shared by the loops below (they never nest): no closure per task. */
const slots = new Int32Array(3);

export function tallyManagerTask(m: ManagerTally, facts: TaskFacts, calendar: Calendar, rule: KpiSettings['evmRule']): void {
  tallyDue(m, facts, calendar);
  tallyBaseline(m, facts, calendar);
  tallyDone(m, facts, calendar);
  const end = (day: number): number | undefined => calendar.firstMonthEndFrom(day);
  m.holdBetween(S.createdByEnd, end(facts.createdDay), undefined);
  if (!facts.hasEstimate) return;
  m.holdBetween(S.estimatedByEnd, end(facts.createdDay), undefined);
  m.holdBetween(S.pv, end(facts.planDueDay), undefined, facts.planEstimate);
  if (rule === '50/50' && !Number.isNaN(facts.startDay)) {
    m.holdBetween(S.ev, end(facts.startDay), undefined, facts.planEstimate / 2);
    m.holdBetween(S.ev, end(facts.doneDay), undefined, facts.planEstimate / 2);
  } else {
    m.holdBetween(S.ev, end(facts.doneDay), undefined, facts.planEstimate);
  }
}

/** Tasks whose baseline due date falls in the period: slip against the baseline, and re-planned ones. */
function tallyBaseline(m: ManagerTally, facts: TaskFacts, calendar: Calendar): void {
  const due = facts.baselineDueDay;
  if (!(due <= calendar.asOf)) return;
  const slip = slipOf(facts, calendar.asOf, due);
  const count = calendar.slotsOf(due, slots);
  for (let i = 0; i < count; i++) {
    const slot = slots[i] as number;
    m.count(slot, C.baselineDue);
    m.count(slot, C.baselineSlipSum, slip);
    if (facts.replanned) m.count(slot, C.replanned);
  }
}

function tallyDue(m: ManagerTally, facts: TaskFacts, calendar: Calendar): void {
  const { dueDay, doneDay, milestone } = facts;
  if (Number.isNaN(dueDay)) return;
  const end = (day: number): number | undefined => calendar.firstMonthEndFrom(day);
  m.holdBetween(S.dueByEnd, end(dueDay), undefined);
  m.holdBetween(S.overdue, end(dueDay), Number.isNaN(doneDay) ? undefined : end(doneDay));
  if (dueDay > calendar.asOf) return;
  const onTime = doneDay <= dueDay;
  const slip = slipOf(facts, calendar.asOf);
  const count = calendar.slotsOf(dueDay, slots);
  for (let i = 0; i < count; i++) {
    const slot = slots[i] as number;
    m.count(slot, C.due);
    if (onTime) m.count(slot, C.onTime);
    m.count(slot, C.slipSum, slip);
    m.sketch(slot, SKETCH.slip).add(slip);
    if (milestone) m.count(slot, C.milestoneDue);
    if (milestone && onTime) m.count(slot, C.milestoneHit);
  }
}

function tallyDone(m: ManagerTally, facts: TaskFacts, calendar: Calendar): void {
  const { doneDay } = facts;
  if (Number.isNaN(doneDay)) return; // a done day implies a doneAt
  const leadDays = Math.max(0, (facts.doneMs - facts.createdMs) / DAY_MS);
  // Estimation accuracy waits for the time entries: estimation-pass.ts.
  const count = calendar.slotsOf(doneDay, slots);
  for (let i = 0; i < count; i++) {
    const slot = slots[i] as number;
    m.count(slot, C.done);
    if (!Number.isNaN(facts.points)) {
      m.count(slot, C.donePointed);
      m.count(slot, C.donePoints, facts.points);
    }
    m.count(slot, C.leadN);
    m.sketch(slot, SKETCH.lead).add(leadDays);
  }
}
