import type { DemoWorklog } from './model.ts';
import type { Random } from './random.ts';
import { DAY_MS, HOUR_MS, dayOf, floorToDay, toWeekday, workingInstant } from './time.ts';

export interface WorklogPlan {
  taskId: string;
  hours: number;
  from: number;
  to: number;
  /** Big items are logged in many small pieces: more than Jira embeds in an issue (20). */
  big: boolean;
  assigneeId: string;
  teamIds: readonly string[];
}

/** Splits a task's hours into worklogs of 0.25 h steps, spread over working days in [from, to]. */
export function makeWorklogs(random: Random, plan: WorklogPlan): DemoWorklog[] {
  const pieces = plan.big ? bigPieces(random, plan.hours) : regularPieces(random, plan.hours);
  const firstDay = floorToDay(plan.from);
  const lastDay = floorToDay(plan.to);
  const dayCount = Math.round((lastDay - firstDay) / DAY_MS) + 1;
  const days = pieces.map(() => toWeekday(firstDay + random.int(0, dayCount - 1) * DAY_MS, firstDay, lastDay)).sort((a, b) => a - b);
  return pieces.map((hours, index) => {
    const day = days[index] as number;
    const latestStart = Math.max(plan.from, plan.to - hours * HOUR_MS);
    const startedAt = Math.min(Math.max(workingInstant(day, random.next() * 0.8), plan.from), latestStart);
    return {
      id: '',
      taskId: plan.taskId,
      personId: random.chance(0.85) || plan.teamIds.length === 0 ? plan.assigneeId : random.pick(plan.teamIds),
      day: dayOf(startedAt),
      startedAt,
      hours,
      updatedAt: Math.min(startedAt + hours * HOUR_MS + random.int(0, 6) * 10 * 60_000, plan.to),
    };
  });
}

function regularPieces(random: Random, total: number): number[] {
  const pieces: number[] = [];
  let left = quarter(total);
  while (left > 0) {
    const piece = Math.min(left, quarter(random.weighted([[random.between(0.5, 2), 4], [random.between(2, 4), 4], [random.between(4, 8), 1.5]])));
    pieces.push(piece);
    left = quarter(left - piece);
  }
  return pieces;
}

function bigPieces(random: Random, total: number): number[] {
  const count = random.int(21, 45);
  const each = Math.max(0.25, quarter(total / count));
  return Array.from({ length: count }, () => Math.max(0.25, quarter(each * random.between(0.6, 1.4))));
}

/** Rounds to a quarter hour (whole minutes for Asana, multiples of 900 s for Jira), at least 0.25 h. */
export function quarter(hours: number): number {
  return Math.max(0, Math.round(hours * 4) / 4);
}
