import { describe, expect, it } from 'vitest';
import type { StatusChange, Task } from '../../functions/domain/index.ts';
import { createDecisionLatency, waitingMatcher, waitsOfTask } from '../../functions/latency/index.ts';
import { dayNumber } from '../../functions/kpi/engine/calendar.ts';

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
    const moves = history.map((one) => ({ id: one.id, ms: Date.parse(one.at), day: dayNumber(one.at), asOfEndMs: Number.NaN, toStatus: one.toStatus }));
    const waits = waitsOfTask(moves, isWaiting, Date.parse('2026-06-03T12:00:00Z'));
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

  it('gives the same figures whatever order tasks and changes come in, and orders moves of one instant by id', () => {
    const tasks = [
      task('a', 'p1', { status: 'done', startedAt: '2026-06-01T00:00:00Z', doneAt: '2026-06-05T00:00:00Z' }),
      task('b', 'p1'),
      task('c', 'p2'),
    ];
    // Two moves of 'c' at one instant: by id, s:x1 (Blocked) comes before s:x2 (In Progress), so
    // the wait lasts no time and the task then waits from 06-29 12:00 to the end of asOf (36 h).
    const changes: StatusChange[] = [
      { ...change('c', '2026-06-28T00:00:00Z', 'In Progress'), id: 's:x2' },
      { ...change('a', '2026-06-02T00:00:00Z', 'Blocked'), id: 's:a1' },
      { ...change('c', '2026-06-28T00:00:00Z', 'Blocked'), id: 's:x1' },
      { ...change('a', '2026-06-03T12:00:00Z', 'In Progress'), id: 's:a2' },
      { ...change('c', '2026-06-29T12:00:00Z', 'Blocked'), id: 's:x3' },
      { ...change('gone', '2026-06-10T00:00:00Z', 'Blocked'), id: 's:g1' },
    ];
    const run = (order: 'tasks first' | 'changes first') => {
      const latency = createDecisionLatency({ asOf: '2026-06-30' });
      if (order === 'tasks first') {
        latency.addTasks(tasks);
        latency.addStatusChanges(changes);
      } else {
        latency.addStatusChanges(changes.slice(3));
        latency.addTasks(tasks);
        latency.addStatusChanges(changes.slice(0, 3));
      }
      return latency.finish((projectId) => projectId);
    };
    const first = run('tasks first');
    // p1: a waited 06-02 00:00 → 06-03 12:00 = 36 h within its 96 h cycle; b has no history.
    expect(first.get('p1')).toEqual({ waitingHours: 36, waits: 1, p50: 36, p85: 36, waitingShare: 0.375, cycleTasks: 1, tasksWithHistory: 1 });
    // p2: waits of 0 h and 36 h; sorted [0, 36]: p50 = 0 (nearest rank), p85 = 36.
    expect(first.get('p2')).toEqual({ waitingHours: 36, waits: 2, p50: 0, p85: 36, waitingShare: null, cycleTasks: 0, tasksWithHistory: 1 });
    // A change of a task never added ('gone') counts nowhere.
    expect([...first.keys()]).toEqual(['p1', 'p2']);
    expect(run('changes first')).toEqual(first);
  });
});
