// Child script: the pmpulse KPI engine over synthetic records of one size, in its own process so
// its peak RSS is its own. Records arrive page by page, as compute reads them from the store;
// only the engine calls are timed, not the generator that stands in for the store.
// Usage: node bench/kpi/pmpulse-child.ts --tasks N --seed S
import { parseArgs } from 'node:util';
import { createKpiEngine } from '../../functions/kpi/index.ts';
import type { KpiResults } from '../../functions/kpi/index.ts';
import { peakRssMiB, printResult } from '../lib/child.ts';
import { AS_OF, WINDOW_DAYS, entryPages, sizeFor, syntheticPeople, syntheticProjects, syntheticThemes, taskPages } from './synthetic.ts';

const { values } = parseArgs({ options: { tasks: { type: 'string' }, seed: { type: 'string' } } });
const size = sizeFor(Number(values.tasks));
const seed = Number(values.seed);

const engine = createKpiEngine({
  asOf: AS_OF, windowDays: WINDOW_DAYS, projects: syntheticProjects(size), people: syntheticPeople(size), themes: syntheticThemes(), overrides: [],
});
let computeMs = 0;
let cpuMs = 0;
// CPU time beside wall time: on a shared machine, wall time also counts the waits for a core.
const timed = <T>(step: () => T): T => {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = step();
  computeMs += performance.now() - start;
  const used = process.cpuUsage(cpu);
  cpuMs += (used.user + used.system) / 1000;
  return result;
};
// Compute reads records as JSON from the store; a round trip gives the engine the same flat strings
// it gets there (the generator's concatenated ids would otherwise make every id lookup flatten a
// rope first). Untimed, like the generator.
const asStored = <T>(page: T[]): T[] => JSON.parse(JSON.stringify(page)) as T[];
for (const page of taskPages(size, seed)) {
  const records = asStored(page);
  timed(() => engine.addTasks(records));
}
for (const page of entryPages(size, seed)) {
  const records = asStored(page);
  timed(() => engine.addTimeEntries(records));
}
const results = timed(() => engine.finish());

printResult({ computeMs: Math.round(computeMs), cpuMs: Math.round(cpuMs), rssMiB: peakRssMiB(), check: totals(results) });

/** The same totals as CHECK_SQL, from the published documents. */
function totals(results: KpiResults) {
  const rows = results.projects.projects;
  const sum = (pick: (row: (typeof rows)[number]) => number) => Math.round(rows.reduce((total, row) => total + pick(row), 0) * 10) / 10;
  return {
    projects: rows.length, tasks: sum((r) => r.tasks), done_tasks: sum((r) => r.doneTasks),
    bac: sum((r) => r.evm.bac), pv: sum((r) => r.evm.pv), ev: sum((r) => r.evm.ev), ac: sum((r) => r.evm.ac), hours_in_window: sum((r) => r.hours),
    ...periodTotals(results),
  };
}

/** The same totals as PERIOD_CHECK_SQL: sample sizes summed over every PM and period. */
function periodTotals(results: KpiResults) {
  const total = (kpi: string) =>
    results.managers.managers.reduce((sum, manager) => {
      const periods = [{ values: manager.values }, ...(manager.months ?? []), ...(manager.quarters ?? [])];
      return sum + periods.reduce((inner, period) => inner + (period.values[kpi]?.n ?? 0), 0);
    }, 0);
  return { due_all_periods: total('onTimeRate'), done_all_periods: total('throughput'), entries_all_periods: total('hoursLogged'), members_all_periods: total('utilization') };
}
