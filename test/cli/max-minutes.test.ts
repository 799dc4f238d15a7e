import { describe, expect, it } from 'vitest';
import { UsageError } from '../../functions/cli/command.ts';
import { maxMinutesDeadline } from '../../functions/cli/max-minutes.ts';
import { describeProgress } from '../../functions/cli/sync-progress-line.ts';
import { deadlineIn } from '../../functions/pipeline/index.ts';

describe('pmpulse sync --max-minutes', () => {
  it('refuses a value that is not a positive number of minutes, naming the option (exit 2)', () => {
    for (const bad of ['abc', '0', '-5', '', ' ']) {
      expect(() => maxMinutesDeadline(bad)).toThrow(UsageError);
      expect(() => maxMinutesDeadline(bad)).toThrow(/--max-minutes: must be a positive number of minutes/);
    }
  });

  it('sets no deadline without the option, and one N minutes on with it', () => {
    expect(maxMinutesDeadline(undefined)).toBeUndefined();
    expect(maxMinutesDeadline('0.5')?.isNear()).toBe(false);
    let clock = 1_000;
    const deadline = deadlineIn(30_000, () => clock);
    clock = 30_999;
    expect(deadline.isNear()).toBe(false);
    clock = 31_000;
    expect(deadline.isNear()).toBe(true);
  });

  it('says where a stopped sync stands and that the next run goes on', () => {
    const line = describeProgress({ source: 'jira', pages: 120, records: 60_000, elapsedMs: 600_000, finished: true, stopped: true });
    expect(line).toBe('jira: stopped at the deadline after 120 pages (60,000 records, 600.0 s); the next run continues');
  });
});
