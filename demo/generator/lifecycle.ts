import type { Persona } from './personas.ts';
import type { Random } from './random.ts';
import { DAY_MS, HOUR_MS, dayOf, floorToDay, isWeekend, workingInstant } from './time.ts';

/**
 * When a task is due, starts and finishes. The persona decides whether it lands before or after
 * its due date; whether it is done, in progress or still to do follows from `now`, which is why
 * open work gathers in the last months of the year.
 */
export interface Lifecycle {
  dueOn: string | null;
  /** Planned instants; the caller compares them with `now`. */
  startAt: number;
  doneAt: number;
  /** A backlog item nobody picked up. */
  neverStarted: boolean;
}

const estimateSizes: readonly (readonly [number, number])[] = [
  [1, 4], [2, 10], [3, 8], [4, 14], [6, 10], [8, 14], [12, 10], [16, 9], [24, 6], [32, 3],
];

/** Original estimate in hours; big items carry enough work for many worklogs. */
export function drawEstimate(random: Random, big: boolean): number {
  return big ? random.int(12, 30) * 4 : random.weighted(estimateSizes);
}

export function drawLifecycle(random: Random, persona: Persona, createdAt: number, workHours: number, mustBeDue = false): Lifecycle {
  const createdDay = floorToDay(createdAt);
  const workDays = Math.max(1, Math.ceil(workHours / random.between(3, 6)));
  const hasDue = random.chance(0.88) || mustBeDue;
  let doneDay: number;
  let dueDay: number | null = null;
  if (hasDue) {
    dueDay = previousWeekday(createdDay + (random.int(3, 12) + Math.ceil(workDays * 1.4)) * DAY_MS);
    doneDay = random.chance(persona.lateProbability)
      ? nextWeekday(dueDay + random.int(...persona.lateDays) * DAY_MS)
      : onTimeDay(createdDay, dueDay - random.int(...persona.earlyDays) * DAY_MS);
  } else {
    doneDay = nextWeekday(createdDay + (workDays + random.int(1, 12)) * DAY_MS);
  }
  const startDay = Math.max(createdDay, doneDay - Math.round(workDays * random.between(0.8, 1.6)) * DAY_MS);
  const startAt = Math.max(createdAt + HOUR_MS, workingInstant(startDay, random.next()));
  const doneAt = Math.max(startAt + random.int(1, 6) * HOUR_MS, workingInstant(doneDay, random.next()));
  return {
    dueOn: dueDay === null ? null : dayOf(dueDay),
    startAt,
    // A finish pushed past midnight must not move the finish day when the task was on time.
    doneAt: dueDay !== null && doneDay <= dueDay ? Math.min(doneAt, dueDay + DAY_MS - 60_000) : doneAt,
    neverStarted: random.chance(0.05),
  };
}

/** A weekday on or before the target, but at least a day after creation (a later one if the weekend leaves no room). */
function onTimeDay(createdDay: number, target: number): number {
  const day = previousWeekday(Math.max(createdDay + DAY_MS, target));
  return day > createdDay ? day : nextWeekday(createdDay + DAY_MS);
}

function previousWeekday(dayMs: number): number {
  let day = dayMs;
  while (isWeekend(day)) day -= DAY_MS;
  return day;
}

function nextWeekday(dayMs: number): number {
  let day = dayMs;
  while (isWeekend(day)) day += DAY_MS;
  return day;
}
