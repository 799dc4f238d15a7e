import { describe, expect, it } from 'vitest';
import { describeProgress, syncProgressLine } from '../../functions/cli/sync-progress-line.ts';
import type { SyncProgress } from '../../functions/pipeline/index.ts';

function capture(isTTY: boolean) {
  const written: string[] = [];
  let clock = 0;
  const stream = { isTTY, write: (text: string) => written.push(text) };
  return { written, stream, at: (ms: number) => (clock = ms), now: () => clock };
}

const page = (source: string, pages: number, elapsedMs: number, finished = false): SyncProgress => ({ source, pages, records: pages * 500, elapsedMs, finished });

describe('the sync progress line', () => {
  it('says pages, records, records per second and elapsed time', () => {
    // 40 pages of 500 = 20,000 records in 12.5 s → 1,600 records/s.
    expect(describeProgress(page('jira', 40, 12_500))).toBe('syncing jira: 40 pages, 20,000 records, 1,600 records/s, 12.5 s so far');
    expect(describeProgress(page('jira', 1, 2_000, true))).toBe('synced jira: 1 page, 500 records, 250 records/s, 2.0 s');
  });

  it('in a log: a line every interval per source and one at the end of each', () => {
    const out = capture(false);
    const report = syncProgressLine({ stream: out.stream, now: out.now, logEveryMs: 10_000 });
    for (const [ms, pages] of [[0, 1], [4_000, 2], [9_999, 3], [10_000, 4], [15_000, 5], [20_500, 6]] as const) {
      out.at(ms);
      report(page('jira', pages, ms));
    }
    out.at(21_000);
    report(page('jira', 6, 21_000, true));
    out.at(21_500);
    report(page('asana', 1, 500)); // a new source starts its own interval
    report(page('asana', 1, 500, true));
    expect(out.written).toEqual([
      'syncing jira: 4 pages, 2,000 records, 200 records/s, 10.0 s so far\n',
      'syncing jira: 6 pages, 3,000 records, 146 records/s, 20.5 s so far\n',
      'synced jira: 6 pages, 3,000 records, 143 records/s, 21.0 s\n',
      'synced asana: 1 page, 500 records, 1,000 records/s, 0.5 s\n',
    ]);
  });

  it('on a terminal: one live line redrawn in place, at most every 100 ms, closed at the end', () => {
    const out = capture(true);
    const report = syncProgressLine({ stream: out.stream, now: out.now });
    for (const [ms, pages] of [[0, 1], [50, 2], [120, 3]] as const) {
      out.at(ms);
      report(page('jira', pages, ms || 1));
    }
    out.at(130);
    report(page('jira', 3, 130, true));
    expect(out.written).toHaveLength(3);
    expect(out.written.every((text) => text.startsWith('\r\x1b[K'))).toBe(true);
    expect(out.written[1]).toContain('3 pages');
    expect(out.written[2]).toMatch(/^\r\x1b\[Ksynced jira: .*\n$/);
  });
});
