import type { StatusChange, Task } from '../domain/index.ts';
import { waitingMatcher, defaultWaitingStatuses } from './waiting-statuses.ts';
import { waitsOfTask, type Wait } from './waits.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface LatencyInput {
  asOf: string;
  windowDays?: number;
  waitingStatuses?: readonly string[];
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

interface TaskFacts { projectId: string; startMs?: number; doneMs?: number }

/**
 * Streams tasks, then status changes; `finish` groups waits by any key of the task (project,
 * or the PM through the project). Memory: one entry per task and one per status change.
 */
export function createDecisionLatency(input: LatencyInput) {
  const endMs = Date.parse(`${input.asOf}T00:00:00Z`) + DAY_MS;
  const windowStartMs = endMs - (input.windowDays ?? 90) * DAY_MS;
  const isWaiting = waitingMatcher(input.waitingStatuses ?? defaultWaitingStatuses);
  const tasks = new Map<string, TaskFacts>();
  const changes = new Map<string, StatusChange[]>();
  return {
    addTasks(batch: readonly Task[]) {
      for (const task of batch) tasks.set(task.id, factsOf(task, endMs));
    },
    addStatusChanges(batch: readonly StatusChange[]) {
      for (const change of batch) {
        const list = changes.get(change.taskId);
        if (list) list.push(change);
        else changes.set(change.taskId, [change]);
      }
    },
    finish(groupOf: (projectId: string) => string | undefined): Map<string, LatencyFigures> {
      const groups = new Map<string, Group>();
      for (const [taskId, facts] of tasks) {
        const key = groupOf(facts.projectId);
        if (key === undefined) continue;
        const group = groups.get(key) ?? { waits: [], waitingInCycles: 0, cycleHours: 0, cycleTasks: 0, tasksWithHistory: 0 };
        groups.set(key, group);
        const history = changes.get(taskId) ?? [];
        if (history.length) group.tasksWithHistory++;
        group.waits.push(...waitsOfTask(history, isWaiting, endMs).filter((wait) => wait.startMs >= windowStartMs));
        if (facts.startMs !== undefined && facts.doneMs !== undefined && facts.doneMs >= windowStartMs) {
          group.cycleTasks++;
          group.cycleHours += (facts.doneMs - facts.startMs) / HOUR_MS;
          group.waitingInCycles += sum(waitsOfTask(history, isWaiting, facts.doneMs));
        }
      }
      return new Map([...groups].map(([key, group]) => [key, figures(group)]));
    },
  };
}

function factsOf(task: Task, endMs: number): TaskFacts {
  const doneMs = task.status === 'done' && task.doneAt ? Date.parse(task.doneAt) : undefined;
  const startMs = task.startedAt ? Date.parse(task.startedAt) : undefined;
  return {
    projectId: task.projectId,
    ...(startMs === undefined ? {} : { startMs }),
    ...(doneMs === undefined || doneMs >= endMs ? {} : { doneMs }),
  };
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
