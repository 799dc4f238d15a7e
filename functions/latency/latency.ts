import type { StatusChange, Task } from '../domain/index.ts';
import { dayNumber } from '../kpi/engine/calendar.ts';
import { dayReader, type DayOf } from '../kpi/engine/zone-day.ts';
import { waitingMatcher, defaultWaitingStatuses } from './waiting-statuses.ts';
import { waitsOfTask, type Move, type Wait } from './waits.ts';

const HOUR_MS = 3_600_000;

export interface LatencyInput {
  asOf: string;
  windowDays?: number;
  waitingStatuses?: readonly string[];
  /** `kpi.timeZone`: the zone the as-of cut-off and the window are read in (zone-day.ts). */
  timeZone?: string | undefined;
}

/** Decision latency of one group (a PM's or a project's tasks). */
export interface LatencyFigures {
  /** Hours spent waiting, over waits that started in the window. */
  waitingHours: number;
  waits: number;
  /** Median and 85th percentile of one wait, in hours (null without waits). */
  p50: number | null;
  p85: number | null;
  /** Waiting hours ÷ cycle hours over tasks done in the window (null when none had a cycle). */
  waitingShare: number | null;
  /** Tasks done in the window with a known cycle (first in progress → done). */
  cycleTasks: number;
  /** Tasks with any status history: without history (e.g. a source with no changelog) there is nothing to measure. */
  tasksWithHistory: number;
}

/** `doneMs`/`doneDay` only for a task done by the as-of date. */
interface TaskFacts { projectId: string; startMs?: number; doneMs?: number; doneDay?: number }

/**
 * Streams tasks, then status changes; `finish` groups waits by any key of the task (project,
 * or the PM through the project). Memory: one entry per task and one per status change.
 */
export function createDecisionLatency(input: LatencyInput) {
  // Which waits and completions count is day-based (the one time rule: days in kpi.timeZone, or as
  // the source wrote them); how long a wait lasted is exact instants.
  const days = dayReader(input.timeZone);
  const asOf = dayNumber(input.asOf);
  const windowFrom = asOf - (input.windowDays ?? 90) + 1;
  const isWaiting = waitingMatcher(input.waitingStatuses ?? defaultWaitingStatuses);
  const tasks = new Map<string, TaskFacts>();
  // Only what a wait needs of each move is kept: the whole records of a million tasks' history
  // held until finish were a large share of compute's memory (docs/deploy.md, "Measured limits").
  const changes = new Map<string, Move[]>();
  return {
    addTasks(batch: readonly Task[]) {
      for (const task of batch) tasks.set(task.id, factsOf(task, days.dayOf, asOf));
    },
    addStatusChanges(batch: readonly StatusChange[]) {
      for (const change of batch) {
        const move: Move = { id: change.id, at: change.at, toStatus: change.toStatus };
        const list = changes.get(change.taskId);
        if (list) list.push(move);
        else changes.set(change.taskId, [move]);
      }
    },
    finish(groupOf: (projectId: string) => string | undefined): Map<string, LatencyFigures> {
      const groups = new Map<string, Group>();
      for (const [taskId, facts] of tasks) {
        const key = groupOf(facts.projectId);
        if (key === undefined) continue;
        const group = groups.get(key) ?? { waits: [], waitingInCycles: 0, cycleHours: 0, cycleTasks: 0, tasksWithHistory: 0 };
        groups.set(key, group);
        // Moves dated after the as-of date are not part of the report.
        const history = (changes.get(taskId) ?? []).filter((change) => days.dayOf(change.at) <= asOf);
        if (history.length) group.tasksWithHistory++;
        // A wait still open at the as-of date ends with that day (without a zone, in the calendar of the latest move).
        const endMs = history.length ? days.endOfDayMs(asOf, latest(history).at) : Number.NEGATIVE_INFINITY;
        group.waits.push(...waitsOfTask(history, isWaiting, endMs).filter((wait) => days.dayOf(wait.at) >= windowFrom));
        if (facts.startMs !== undefined && facts.doneMs !== undefined && (facts.doneDay as number) >= windowFrom) {
          group.cycleTasks++;
          group.cycleHours += (facts.doneMs - facts.startMs) / HOUR_MS;
          group.waitingInCycles += sum(waitsOfTask(history, isWaiting, facts.doneMs));
        }
      }
      return new Map([...groups].map(([key, group]) => [key, figures(group)]));
    },
  };
}

function factsOf(task: Task, dayOf: DayOf, asOf: number): TaskFacts {
  const doneAt = task.status === 'done' ? task.doneAt : undefined;
  const doneDay = doneAt ? dayOf(doneAt) : undefined;
  const startMs = task.startedAt ? Date.parse(task.startedAt) : undefined;
  return {
    projectId: task.projectId,
    ...(startMs === undefined ? {} : { startMs }),
    ...(doneAt === undefined || doneDay === undefined || !(doneDay <= asOf) ? {} : { doneMs: Date.parse(doneAt), doneDay }),
  };
}

/** The move with the latest instant. */
function latest(changes: readonly Move[]): Move {
  return changes.reduce((last, change) => (Date.parse(change.at) > Date.parse(last.at) ? change : last));
}

function sum(waits: readonly Wait[]): number {
  return waits.reduce((total, wait) => total + wait.hours, 0);
}

interface Group { waits: Wait[]; waitingInCycles: number; cycleHours: number; cycleTasks: number; tasksWithHistory: number }

function figures(group: Group): LatencyFigures {
  const hours = group.waits.map((wait) => wait.hours).sort((a, b) => a - b);
  return {
    waitingHours: round(sum(group.waits), 2),
    waits: hours.length,
    p50: hours.length ? round(quantile(hours, 0.5), 2) : null,
    p85: hours.length ? round(quantile(hours, 0.85), 2) : null,
    waitingShare: group.cycleHours > 0 ? round(group.waitingInCycles / group.cycleHours, 4) : null,
    cycleTasks: group.cycleTasks,
    tasksWithHistory: group.tasksWithHistory,
  };
}

/** Nearest-rank quantile of sorted values (exact: an actual observed wait). */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
