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
 * (a crunch week, shared in proportion to each person's usual week). Hours per task, and so every cost figure, stay as drawn.
 */
export function levelWorklogs(input: LevelingInput): void {
  const { worklogs } = input;
  if (worklogs.length === 0) return;
  const people = [...input.workloads.keys()];
  const personIndex = new Map(people.map((id, i) => [id, i]));
  const firstWeek = weekOf(minDay(worklogs));
  const weekCount = weekOf(maxDay(worklogs)) - firstWeek + 1;
  const limits = weeklyLimits(input.random, people.map((id) => input.workloads.get(id)!), weekCount);
  const booked = new Float64Array(people.length * weekCount);
  const teams = teamIndexes(input, personIndex);
  const order = worklogs.map((_, i) => i).sort((a, b) => worklogs[a]!.startedAt - worklogs[b]!.startedAt || a - b);
  for (const i of order) {
    const log = worklogs[i]!;
    const week = weekOf(Date.parse(log.day)) - firstWeek;
    const owner = personIndex.get(log.personId);
    if (owner === undefined) continue;
    const row = (person: number): number => person * weekCount + week;
    // Past the hard cap a week counts as full whatever the person's limit.
    const fill = (person: number): number => {
      const hours = booked[row(person)]! + log.hours;
      return hours > HARD_WEEKLY_MAX ? Infinity : hours / limits[row(person)]!;
    };
    let chosen = owner;
    if (fill(owner) > KEEP_BELOW_FILL) {
      const teammate = leastFilled(teams.get(log.taskId) ?? [], fill);
      chosen = teammate !== undefined && fill(teammate) <= 1 ? teammate : leastFilled(allIndexes(people.length), fill) ?? owner;
    }
    booked[row(chosen)]! += log.hours;
    if (chosen !== owner) log.personId = people[chosen]!;
  }
}

/** Per person and week: capacity × load × a swing of ±12%, zero in a few vacation weeks. */
function weeklyLimits(random: Random, profiles: readonly WorkloadProfile[], weekCount: number): Float64Array {
  const limits = new Float64Array(profiles.length * weekCount);
  profiles.forEach((profile, person) => {
    for (let week = 0; week < weekCount; week++) {
      limits[person * weekCount + week] = Math.min(HARD_WEEKLY_MAX, profile.capacity * profile.load * random.between(0.88, 1.12));
    }
    for (let n = 0; n < VACATION_WEEKS; n++) limits[person * weekCount + random.int(0, weekCount - 1)] = 0;
  });
  return limits;
}

/** The candidate whose week would be least full, as a share of their limit (a vacation week counts as full). */
function leastFilled(candidates: Iterable<number>, fill: (person: number) => number): number | undefined {
  let best: number | undefined;
  let bestFill = Infinity;
  for (const person of candidates) {
    const share = fill(person);
    if (share < bestFill) {
      best = person;
      bestFill = share;
    }
  }
  return best;
}

function* allIndexes(count: number): Generator<number> {
  for (let i = 0; i < count; i++) yield i;
}

function teamIndexes(input: LevelingInput, personIndex: ReadonlyMap<string, number>): Map<string, number[]> {
  const byProject = new Map(input.projects.map((project) => [project.id, project.memberIds.map((id) => personIndex.get(id)!).filter((i) => i !== undefined)]));
  return new Map(input.tasks.map((task) => [task.id, byProject.get(task.projectId) ?? []]));
}

/** Monday-based week number: 1970-01-01 was a Thursday, so day + 3 puts Mondays on multiples of 7. */
function weekOf(dayMs: number): number {
  return Math.floor((dayMs / DAY_MS + 3) / 7);
}

function minDay(worklogs: readonly DemoWorklog[]): number {
  let min = Infinity;
  for (const log of worklogs) min = Math.min(min, Date.parse(log.day));
  return min;
}

function maxDay(worklogs: readonly DemoWorklog[]): number {
  let max = -Infinity;
  for (const log of worklogs) max = Math.max(max, Date.parse(log.day));
  return max;
}
