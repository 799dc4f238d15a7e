import type { DemoProject, DemoTask, DemoWorklog } from './model.ts';
import type { Random } from './random.ts';
import type { WorkloadProfile } from './workload.ts';
import { DAY_MS } from './time.ts';

/** Nobody logs more than this in a week, however much work piles up. */
export const HARD_WEEKLY_MAX = 62;
const VACATION_WEEKS = 4;
/** Below this share of their week's limit, a person keeps the work they were given. */
const KEEP_BELOW_FILL = 0.9;

export interface LevelingInput {
  random: Random;
  projects: readonly DemoProject[];
  tasks: readonly DemoTask[];
  /** Reassigned in place: a worklog keeps its day, hours and task; only its author may change. */
  worklogs: DemoWorklog[];
  workloads: ReadonlyMap<string, WorkloadProfile>;
}

/**
 * Tasks are drawn without regard to who has time for them, so some people would log 150 h a
 * week. Real teams hand work on: walking the worklogs in time order, a piece that would push its
 * author past 90% of their usual week (capacity × load, with some week-to-week swing, nothing
 * in vacation weeks) goes to the project teammate whose week is least full if that one has room,
 * else to whoever in the company is least full, even past their limit when everyone is full
 * (a crunch week, shared in proportion to each person's usual week). Hours per task, and so
 * every cost figure, stay as drawn.
 */
export function levelWorklogs(input: LevelingInput): void {
  const { worklogs } = input;
  if (worklogs.length === 0) return;
  const people = [...input.workloads.keys()];
  const count = people.length;
  const personIndex = new Map(people.map((id, i) => [id, i]));
  const weeks = weekNumbers(worklogs);
  let firstWeek = Infinity;
  let lastWeek = -Infinity;
  for (const week of weeks) {
    if (week < firstWeek) firstWeek = week;
    if (week > lastWeek) lastWeek = week;
  }
  // Week-major cells (week × people + person): one week's row of people is contiguous.
  const limits = weeklyLimits(input.random, people.map((id) => input.workloads.get(id)!), lastWeek - firstWeek + 1);
  const booked = new Float64Array(limits.length);
  const teams = teamIndexes(input, personIndex);
  const starts = Float64Array.from(worklogs, (log) => log.startedAt);
  const order = Uint32Array.from(worklogs.keys()).sort((a, b) => starts[a]! - starts[b]! || a - b);
  for (const i of order) {
    const log = worklogs[i]!;
    const owner = personIndex.get(log.personId);
    if (owner === undefined) continue;
    const row = (weeks[i]! - firstWeek) * count;
    const hours = log.hours;
    let chosen = owner;
    if (fillOf(booked, limits, row + owner, hours) > KEEP_BELOW_FILL) {
      let best = -1;
      let bestFill = Infinity;
      for (const person of teams.get(log.taskId) ?? []) {
        const fill = fillOf(booked, limits, row + person, hours);
        if (fill < bestFill) {
          best = person;
          bestFill = fill;
        }
      }
      if (bestFill > 1) {
        for (let person = 0; person < count; person++) {
          const fill = fillOf(booked, limits, row + person, hours);
          if (fill < bestFill) {
          best = person;
          bestFill = fill;
        }
        }
      }
      if (best >= 0) chosen = best;
    }
    booked[row + chosen]! += hours;
    if (chosen !== owner) log.personId = people[chosen]!;
  }
}

/** How full a week would be with `hours` more, as a share of its limit; past the hard cap (or in a vacation week) it is full whatever the limit. */
function fillOf(booked: Float64Array, limits: Float64Array, cell: number, hours: number): number {
  const total = booked[cell]! + hours;
  return total > HARD_WEEKLY_MAX ? Infinity : total / limits[cell]!;
}

/** Per week and person: capacity × load × a swing of ±12%, zero in a few vacation weeks. */
function weeklyLimits(random: Random, profiles: readonly WorkloadProfile[], weekCount: number): Float64Array {
  const count = profiles.length;
  const limits = new Float64Array(count * weekCount);
  profiles.forEach((profile, person) => {
    for (let week = 0; week < weekCount; week++) {
      limits[week * count + person] = Math.min(HARD_WEEKLY_MAX, profile.capacity * profile.load * random.between(0.88, 1.12));
    }
    for (let n = 0; n < VACATION_WEEKS; n++) limits[random.int(0, weekCount - 1) * count + person] = 0;
  });
  return limits;
}

function teamIndexes(input: LevelingInput, personIndex: ReadonlyMap<string, number>): Map<string, number[]> {
  const byProject = new Map(input.projects.map((project) => [project.id, project.memberIds.map((id) => personIndex.get(id)!).filter((i) => i !== undefined)]));
  return new Map(input.tasks.map((task) => [task.id, byProject.get(task.projectId) ?? []]));
}

/** Monday-based week number of each worklog's day: 1970-01-01 was a Thursday, so day + 3 puts Mondays on multiples of 7. */
function weekNumbers(worklogs: readonly DemoWorklog[]): Int32Array {
  const byDay = new Map<string, number>();
  return Int32Array.from(worklogs, (log) => {
    let week = byDay.get(log.day);
    if (week === undefined) byDay.set(log.day, (week = Math.floor((Date.parse(log.day) / DAY_MS + 3) / 7)));
    return week;
  });
}
