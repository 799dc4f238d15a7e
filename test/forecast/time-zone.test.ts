import { describe, expect, it } from 'vitest';
import type { Task } from '../../functions/domain/index.ts';
import { createThroughputCounter } from '../../functions/forecast/throughput.ts';

/** Forecast history weeks count done days by the one time rule. As of 2026-03-31; New York is EDT (−4). */
const done = (id: string, doneAt: string): Task => ({
  id: `s:${id}`, source: 's', sourceId: id, projectId: 'p', title: id, status: 'done', originalStatus: 'Done',
  createdAt: '2026-03-01T12:00:00Z', updatedAt: doneAt, doneAt, tags: [],
});

function tally(timeZone?: string) {
  const counter = createThroughputCounter('2026-03-31', 4, timeZone);
  // 02:00Z on 1 April − 4 h = 22:00 on 31 March: week 0 (31 − 31 = 0 days back).
  // 03:00Z on 25 March − 4 h = 23:00 on 24 March: 7 days back, week 1 (UTC day 25th: 6 days, week 0).
  counter.addTasks([done('a', '2026-04-01T02:00:00Z'), done('b', '2026-03-25T03:00:00Z')]);
  const { weekly, open } = counter.tallies().get('p')!;
  return { weekly, open };
}

describe('forecast throughput and the one time rule', () => {
  it('takes done days in the configured zone', () => {
    expect(tally('America/New_York')).toEqual({ weekly: [1, 1, 0, 0], open: 0 });
  });

  it('takes the day the source wrote without a zone', () => {
    // a: UTC day 1 April, after asOf: still open. b: 25 March, week 0.
    expect(tally()).toEqual({ weekly: [1, 0, 0, 0], open: 1 });
  });
});
