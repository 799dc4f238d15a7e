import { readFile, rm, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildPortfoliosDoc, createKpiEngine, type KpiEngineInput } from '../../functions/kpi/index.ts';
import type { StatusChange, Task, TimeEntry } from '../../functions/domain/records.ts';
import * as flowOrg from '../fixtures/kpi/flow-org.ts';
import * as smallOrg from '../fixtures/kpi/small-org.ts';

/**
 * The whole output for two small organisations, as published: the engine's documents, then
 * portfolios.json built from them. The figures in them are checked one
 * by one in engine.test.ts, families.test.ts and compare.test.ts; these files catch any other change
 * (a new field, a reordering). On a mismatch the actual output lands in `<name>.changed.json` for
 * review; the expected file is only ever replaced by hand.
 */
interface Org {
  input: KpiEngineInput;
  tasks: Task[];
  statusChanges: StatusChange[];
  timeEntries: TimeEntry[];
}

const orgs: Record<string, Org> = {
  'small-org': {
    input: { asOf: smallOrg.AS_OF, windowDays: smallOrg.WINDOW_DAYS, projects: smallOrg.projects, people: smallOrg.people, themes: smallOrg.themes, overrides: smallOrg.overrides },
    tasks: smallOrg.tasks, statusChanges: [], timeEntries: smallOrg.timeEntries,
  },
  'flow-org': {
    input: { asOf: flowOrg.AS_OF, windowDays: flowOrg.WINDOW_DAYS, projects: flowOrg.projects, people: flowOrg.people, themes: [], overrides: flowOrg.overrides },
    tasks: flowOrg.tasks, statusChanges: flowOrg.statusChanges, timeEntries: flowOrg.timeEntries,
  },
};

describe('KPI engine golden output', () => {
  for (const [name, org] of Object.entries(orgs)) {
    it(`matches ${name}.expected.json`, async () => {
      const expectedFile = new URL(`../fixtures/kpi/${name}.expected.json`, import.meta.url);
      const changedFile = new URL(`../fixtures/kpi/${name}.changed.json`, import.meta.url);
      const engine = createKpiEngine(org.input);
      engine.addTasks(org.tasks);
      engine.addStatusChanges(org.statusChanges);
      engine.addTimeEntries(org.timeEntries);
      const results = engine.finish();
      const actual = `${JSON.stringify({ ...results, portfolios: buildPortfoliosDoc(results.projects) }, null, 2)}\n`;
      const expected = await readFile(expectedFile, 'utf8').catch(() => '');
      if (actual === expected) {
        await rm(changedFile, { force: true });
        return;
      }
      await writeFile(changedFile, actual);
      expect(actual, `output changed: compare ${name}.changed.json with ${name}.expected.json`).toBe(expected);
    });
  }
});
