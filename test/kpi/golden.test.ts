import { readFile, rm, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createKpiEngine } from '../../functions/kpi/index.ts';
import { AS_OF, overrides, people, projects, tasks, themes, timeEntries, WINDOW_DAYS } from '../fixtures/kpi/small-org.ts';

/**
 * The whole output for the small organisation, as published. The figures in it are checked one by
 * one in engine.test.ts; this file catches any other change (a new field, a reordering). On a
 * mismatch the actual output lands in `small-org.changed.json` for review; the expected file is
 * only ever replaced by hand.
 */
const expectedFile = new URL('../fixtures/kpi/small-org.expected.json', import.meta.url);
const changedFile = new URL('../fixtures/kpi/small-org.changed.json', import.meta.url);

describe('KPI engine golden output', () => {
  it('matches small-org.expected.json', async () => {
    const engine = createKpiEngine({ asOf: AS_OF, windowDays: WINDOW_DAYS, projects, people, themes, overrides });
    engine.addTasks(tasks);
    engine.addTimeEntries(timeEntries);
    const actual = `${JSON.stringify(engine.finish(), null, 2)}\n`;
    const expected = await readFile(expectedFile, 'utf8').catch(() => '');
    if (actual === expected) {
      await rm(changedFile, { force: true });
      return;
    }
    await writeFile(changedFile, actual);
    expect(actual, 'output changed: compare small-org.changed.json with small-org.expected.json').toBe(expected);
  });
});
