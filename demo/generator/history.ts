import type { DemoStatusChange, StatusCategory, WorkflowStatus } from './model.ts';
import type { Random } from './random.ts';
import { DAY_MS, HOUR_MS } from './time.ts';

export interface HistoryInput {
  status: StatusCategory;
  workflowStatus: WorkflowStatus;
  startAt: number;
  /** Done time for finished tasks, `now` for open ones. */
  endAt: number;
  assigneeId: string;
  pmId: string;
  /** The task had no assignee until it was started. */
  assignedOnStart: boolean;
  /** A finished task was marked done once too early and reopened (by the PM) before its real finish. */
  reopened: boolean;
}

/**
 * The status moves of one task: To Do → In Progress, sometimes a detour through Blocked,
 * sometimes a premature Done and a reopen, sometimes In Review, then Done. Creation itself is not a change (Jira's changelog omits it).
 */
export function makeHistory(random: Random, input: HistoryInput): DemoStatusChange[] {
  if (input.status === 'todo') return [];
  const changes: DemoStatusChange[] = [];
  const move = (at: number, from: WorkflowStatus, to: WorkflowStatus, authorId = input.assigneeId): void => {
    changes.push({ id: '', at, authorId, from, to });
  };
  changes.push({
    id: '',
    at: input.startAt,
    authorId: input.assignedOnStart ? input.pmId : input.assigneeId,
    from: 'To Do',
    to: 'In Progress',
    ...(input.assignedOnStart ? { assigneeFrom: null, assigneeTo: input.assigneeId } : {}),
  });
  const span = input.endAt - input.startAt;
  let last = input.startAt;
  const between = (low: number, high: number): number => Math.round(input.startAt + span * random.between(low, high));
  if (span > 3 * DAY_MS && random.chance(0.1) && input.workflowStatus !== 'Blocked') {
    // Blocked for hours to about a week, and never for most of the task's life.
    const blockedAt = between(0.2, 0.4);
    move(blockedAt, 'In Progress', 'Blocked');
    last = blockedAt + Math.round(Math.min(span * random.between(0.05, 0.25), random.between(3, 8 * 24) * HOUR_MS));
    move(last, 'Blocked', 'In Progress');
  }
  if (input.status === 'done') {
    if (input.reopened && input.endAt - last > DAY_MS) {
      // Done too early, found wanting a few hours to two days later, then finished for real.
      const earlyDone = Math.round(last + (input.endAt - last) * random.between(0.3, 0.6));
      const reopenAt = Math.min(earlyDone + random.int(2, 48) * HOUR_MS, input.endAt - 6 * HOUR_MS);
      move(earlyDone, 'In Progress', 'Done');
      move(reopenAt, 'Done', 'In Progress', input.pmId);
      last = reopenAt;
    }
    if (random.chance(0.45)) {
      const review = Math.max(last + HOUR_MS / 4, input.endAt - random.int(2, 30) * HOUR_MS);
      move(Math.min(review, input.endAt - 60_000), 'In Progress', 'In Review');
      move(input.endAt, 'In Review', 'Done', random.chance(0.2) ? input.pmId : input.assigneeId);
    } else {
      move(input.endAt, 'In Progress', 'Done');
    }
  } else if (input.workflowStatus !== 'In Progress') {
    // Open work waiting today has waited hours to about two weeks, not since the task started.
    const since = Math.round(last + (input.endAt - last) * random.between(0.3, 0.9));
    move(Math.max(since, input.endAt - Math.round(random.between(2, 14 * 24) * HOUR_MS)), 'In Progress', input.workflowStatus);
  }
  return changes;
}
