import { describe, expect, it } from 'vitest';
import type { StatusChange, Task } from '../../functions/domain/index.ts';
import { createDecisionLatency, waitingMatcher, waitsOfTask } from '../../functions/latency/index.ts';

let serial = 0;
function change(taskId: string, at: string, toStatus: string, fromStatus?: string): StatusChange {
  serial++;
  return { id: `s:c${serial}`, source: 's', sourceId: `c${serial}`, taskId, at, toStatus, to: 'in_progress', ...(fromStatus ? { fromStatus } : {}) };
}

function task(id: string, projectId: string, fields: Partial<Task> = {}): Task {
  return {
    id, source: 's', sourceId: id, projectId, title: id, status: 'in_progress', originalStatus: 'In Progress',
    createdAt: '2026-05-01T00:00:00Z', updatedAt: '2026-05-01T00:00:00Z', tags: [], ...fields,
  };
}

describe('waitingMatcher', () => {
  it('matches names case-insensitively and prefixes ending in *', () => {
    const isWaiting = waitingMatcher(['Blocked', 'Waiting*']);
    expect(['blocked', ' Blocked ', 'Waiting for approval', 'waiting'].map(isWaiting)).toEqual([true, true, true, true]);
    expect(['In Progress', 'Unblocked', undefined].map(isWaiting)).toEqual([false, false, false]);
  });
});

describe('waitsOfTask', () => {
  it('measures each wait until the next move, and an open wait until the end', () => {
    const isWaiting = waitingMatcher(['Blocked']);
    const history = [
      change('t', '2026-06-01T10:00:00Z', 'Blocked'),
      change('t', '2026-06-01T09:00:00Z', 'In Progress'), // out of order on purpose: sorted by time
      change('t', '2026-06-02T10:00:00Z', 'In Progress'),
      change('t', '2026-06-03T00:00:00Z', 'Blocked'),
    ];
    const waits = waitsOfTask(history, isWaiting, Date.parse('2026-06-03T12:00:00Z'));
    // 06-01 10:00 → 06-02 10:00 = 24 h; 06-03 00:00 → end 12:00 = 12 h.
    expect(waits.map((wait) => wait.hours)).toEqual([24, 12]);
  });
});

describe('createDecisionLatency', () => {
  it('rolls waits up per group with totals, percentiles and the share of cycle time', () => {
    const latency = createDecisionLatency({ asOf: '2026-06-30', waitingStatuses: ['Blocked', 'Waiting*'] });
    latency.addTasks([
      // Cycle 06-01 00:00 → 06-05 00:00 = 96 h, of which 24 h blocked.
      task('a', 'p1', { status: 'done', startedAt: '2026-06-01T00:00:00Z', doneAt: '2026-06-05T00:00:00Z' }),
      // Still waiting at the end of asOf (07-01 00:00): 06-30 00:00 → 24 h; not done, so no cycle.
      task('b', 'p1'),
      task('c', 'p2', { status: 'done', startedAt: '2026-06-10T00:00:00Z', doneAt: '2026-06-11T00:00:00Z' }),
    ]);
    latency.addStatusChanges([
      change('a', '2026-06-02T00:00:00Z', 'Blocked'),
      change('a', '2026-06-03T00:00:00Z', 'In Progress'),
      change('b', '2026-06-20T00:00:00Z', 'Waiting for approval'),
      change('b', '2026-06-20T06:00:00Z', 'In Progress'),
      change('b', '2026-06-30T00:00:00Z', 'Blocked'),
    ]);
    const byProject = latency.finish((projectId) => projectId);
    // p1 waits: 24 h (a), 6 h and 24 h (b) → total 54 h; sorted [6, 24, 24]: p50 = 24, p85 = 24.
    expect(byProject.get('p1')).toEqual({ waitingHours: 54, waits: 3, p50: 24, p85: 24, waitingShare: 0.25, cycleTasks: 1, tasksWithHistory: 2 });
    // p2: one done task with a 24 h cycle and no wait.
    expect(byProject.get('p2')).toEqual({ waitingHours: 0, waits: 0, p50: null, p85: null, waitingShare: 0, cycleTasks: 1, tasksWithHistory: 0 });
  });

  it('leaves out waits that started before the window', () => {
    const latency = createDecisionLatency({ asOf: '2026-06-30', windowDays: 30 });
    latency.addTasks([task('old', 'p')]);
    latency.addStatusChanges([change('old', '2026-05-01T00:00:00Z', 'Blocked'), change('old', '2026-05-02T00:00:00Z', 'In Progress')]);
    expect(latency.finish(() => 'all').get('all')).toMatchObject({ waits: 0, waitingHours: 0 });
  });
});
