import type { StatusChange, Task } from '../domain/index.ts';
import { dayNumber } from '../kpi/engine/calendar.ts';
import { dayReader } from '../kpi/engine/zone-day.ts';
import { MoveLog } from './move-log.ts';
import { TaskFacts } from './task-facts.ts';
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

/**
 * Streams tasks, then status changes; `finish` groups waits by any key of the task (project,
 * or the PM through the project). Memory: a few numbers per task and per status change, in
 * columns (task-facts.ts, move-log.ts).
 */
export function createDecisionLatency(input: LatencyInput) {
  // Which waits and completions count is day-based (the one time rule: days in kpi.timeZone, or as
  // the source wrote them); how long a wait lasted is exact instants.
  const days = dayReader(input.timeZone);
  const asOf = dayNumber(input.asOf);
  const windowFrom = asOf - (input.windowDays ?? 90) + 1;
  const isWaiting = waitingMatcher(input.waitingStatuses ?? defaultWaitingStatuses);
  const tasks = new TaskFacts();
  const moves = new MoveLog();
  return {
    addTasks(batch: readonly Task[]) {
      tasks.setAll(batch, days.dayOf, asOf);
    },
    addStatusChanges(batch: readonly StatusChange[]) {
      const slots = new Int32Array(batch.length);
      tasks.slotsOf(batch.map((change) => change.taskId), slots);
      for (let i = 0; i < batch.length; i++) {
        const change = batch[i]!;
        moves.add(slots[i]!, {
          id: change.id,
          ms: Date.parse(change.at),
          day: days.dayOf(change.at),
          asOfEndMs: days.endOfDayMs(asOf, change.at),
          toStatus: change.toStatus,
        });
      }
    },
    finish(groupOf: (projectId: string) => string | undefined): Map<string, LatencyFigures> {
      const groups = new Map<string, Group>();
      const movesOf = moves.grouped(tasks.slots);
      for (const slot of tasks.inOrder()) {
        const key = groupOf(tasks.projectOf(slot));
        if (key === undefined) continue;
        const group = groups.get(key) ?? { waits: [], waitingInCycles: 0, cycleHours: 0, cycleTasks: 0, tasksWithHistory: 0 };
        groups.set(key, group);
        // Moves dated after the as-of date are not part of the report.
        const history = movesOf(slot).filter((change) => change.day <= asOf);
        if (history.length) group.tasksWithHistory++;
        // A wait still open at the as-of date ends with that day (without a zone, in the calendar of the latest move).
        const endMs = history.length ? latest(history).asOfEndMs : Number.NEGATIVE_INFINITY;
        group.waits.push(...waitsOfTask(history, isWaiting, endMs).filter((wait) => wait.day >= windowFrom));
        const startMs = tasks.startMs[slot]!;
        const doneMs = tasks.doneMs[slot]!;
        if (!Number.isNaN(startMs) && !Number.isNaN(doneMs) && tasks.doneDay[slot]! >= windowFrom) {
          group.cycleTasks++;
          group.cycleHours += (doneMs - startMs) / HOUR_MS;
          group.waitingInCycles += sum(waitsOfTask(history, isWaiting, doneMs));
        }
      }
      return new Map([...groups].map(([key, group]) => [key, figures(group)]));
    },
  };
}

/** The move with the latest instant. */
function latest(changes: readonly Move[]): Move {
  return changes.reduce((last, change) => (change.ms > last.ms ? change : last));
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
