import { describe, expect, it } from 'vitest';
import type { StatusChange, Task } from '../../functions/domain/index.ts';
import { createDecisionLatency } from '../../functions/latency/index.ts';

/**
 * Which waits count is day-based (the one time rule); how long they lasted is exact. As of
 * 2026-03-31; New York is EDT (−4) then, so 31 March ends at 04:00 UTC on 1 April.
 */
const task: Task = {
  id: 's:t', source: 's', sourceId: 't', projectId: 'p', title: 't', status: 'in_progress', originalStatus: 'Blocked',
  createdAt: '2026-03-01T12:00:00Z', updatedAt: '2026-03-01T12:00:00Z', tags: [],
};
const blocked = (at: string): StatusChange => ({ id: 's:c1', source: 's', sourceId: 'c1', taskId: task.id, at, toStatus: 'Blocked', to: 'in_progress' });

function waits(at: string, timeZone?: string) {
  const latency = createDecisionLatency({ asOf: '2026-03-31', windowDays: 31, waitingStatuses: ['Blocked'], timeZone });
  latency.addTasks([task]);
  latency.addStatusChanges([blocked(at)]);
  const figures = latency.finish(() => 'all').get('all')!;
  return { waits: figures.waits, hours: figures.waitingHours };
}

describe('decision latency and the one time rule', () => {
  it('counts a wait entered on the evening of the as-of date, until that day ends in the zone', () => {
    // 01:00Z on 1 April − 4 h = 21:00 on 31 March; open until 04:00Z → 3 h.
    expect(waits('2026-04-01T01:00:00Z', 'America/New_York')).toEqual({ waits: 1, hours: 3 });
    // Without a zone the UTC day, 1 April, is after asOf.
    expect(waits('2026-04-01T01:00:00Z')).toEqual({ waits: 0, hours: 0 });
  });

  it('without a zone, ends the as-of day in the calendar the source wrote', () => {
    // Written 21:00 at −04:00 on 31 March: counted, open until 24:00 −04:00 = 04:00Z → 3 h.
    expect(waits('2026-03-31T21:00:00.000-04:00')).toEqual({ waits: 1, hours: 3 });
  });
});
