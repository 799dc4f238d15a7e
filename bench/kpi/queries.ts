import { AS_OF, WINDOW_DAYS } from './synthetic.ts';

/**
 * The tables and the trailing window's figures as a DuckDB user would write them: the same
 * definitions as the pmpulse engine (functions/kpi/definitions.ts), over the same synthetic
 * records; period-queries.ts adds every month and quarter. Dates are DATE columns; a task's
 * done day is the day of its completion in the source's calendar, as the engine reads it.
 */

export const TABLE_COLUMNS = {
  tasks: { id: 'VARCHAR', project_id: 'VARCHAR', status: 'VARCHAR', done_day: 'DATE', due_on: 'DATE', estimate_hours: 'DOUBLE', theme: 'VARCHAR', created_ms: 'BIGINT', done_ms: 'BIGINT' },
  entries: { id: 'VARCHAR', task_id: 'VARCHAR', project_id: 'VARCHAR', person_id: 'VARCHAR', date: 'DATE', hours: 'DOUBLE' },
  projects: { id: 'VARCHAR', pm_id: 'VARCHAR', portfolio: 'VARCHAR' },
} as const;

const windowFrom = new Date(Date.parse(`${AS_OF}T00:00:00Z`) - (WINDOW_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
const asOf = `DATE '${AS_OF}'`;
const from = `DATE '${windowFrom}'`;

export function loadStatements(dir: string): string[] {
  return Object.keys(TABLE_COLUMNS).map((name) => `CREATE TABLE ${name} AS SELECT * FROM read_parquet('${dir}/${name}.parquet')`);
}

/** Per project: task counts, EVM sums (rule 0/100) and the window's on-time and hours figures. */
const projectKpis = `
CREATE OR REPLACE TEMP TABLE project_kpis AS
WITH t AS (
  SELECT project_id,
    count(*) AS tasks,
    count(*) FILTER (WHERE done_day <= ${asOf}) AS done_tasks,
    count(estimate_hours) AS estimated_tasks,
    coalesce(sum(estimate_hours), 0) AS bac,
    coalesce(sum(estimate_hours) FILTER (WHERE due_on <= ${asOf}), 0) AS pv,
    coalesce(sum(estimate_hours) FILTER (WHERE done_day <= ${asOf}), 0) AS ev,
    count(*) FILTER (WHERE due_on BETWEEN ${from} AND ${asOf}) AS due_in_window,
    count(*) FILTER (WHERE due_on BETWEEN ${from} AND ${asOf} AND done_day <= due_on) AS on_time_in_window
  FROM tasks GROUP BY project_id),
e AS (
  SELECT project_id, sum(hours) AS ac,
    coalesce(sum(hours) FILTER (WHERE date >= ${from}), 0) AS hours_in_window,
    count(*) FILTER (WHERE date >= ${from}) AS entries_in_window
  FROM entries WHERE date <= ${asOf} GROUP BY project_id)
SELECT p.id, p.pm_id, p.portfolio,
  coalesce(t.tasks, 0) AS tasks, coalesce(t.done_tasks, 0) AS done_tasks, coalesce(t.estimated_tasks, 0) AS estimated_tasks,
  coalesce(t.bac, 0) AS bac, coalesce(t.pv, 0) AS pv, coalesce(t.ev, 0) AS ev, coalesce(e.ac, 0) AS ac,
  coalesce(t.due_in_window, 0) AS due_in_window, coalesce(t.on_time_in_window, 0) AS on_time_in_window,
  coalesce(e.hours_in_window, 0) AS hours_in_window, coalesce(e.entries_in_window, 0) AS entries_in_window,
  t.ev / nullif(t.pv, 0) AS spi, t.ev / nullif(e.ac, 0) AS cpi
FROM projects p LEFT JOIN t ON t.project_id = p.id LEFT JOIN e ON e.project_id = p.id`;

/** Per PM: sums over the projects they lead, divided after summing (ratios are never averaged). */
const managerKpis = `
SELECT pm_id,
  sum(on_time_in_window) / nullif(sum(due_in_window), 0) AS on_time_rate, sum(due_in_window) AS on_time_n,
  sum(hours_in_window) AS hours_logged, sum(entries_in_window) AS hours_n,
  sum(ev) / nullif(sum(pv), 0) AS spi, sum(ev) / nullif(sum(ac), 0) AS cpi
FROM project_kpis GROUP BY pm_id ORDER BY pm_id`;

/** Hours in the window per portfolio and theme; the task decides the theme. */
const alignment = `
SELECT p.portfolio, coalesce(t.theme, '(unaligned)') AS theme, sum(e.hours) AS hours
FROM entries e JOIN tasks t ON t.id = e.task_id JOIN projects p ON p.id = t.project_id
WHERE e.date BETWEEN ${from} AND ${asOf} GROUP BY ALL ORDER BY ALL`;

export const QUERY = { projectKpis, projectRows: 'SELECT * FROM project_kpis ORDER BY id', managerKpis, alignment };

/** Totals both engines must agree on, so a fast wrong answer cannot pass as a result. */
export const CHECK_SQL = `
SELECT count(*) AS projects, sum(tasks) AS tasks, sum(done_tasks) AS done_tasks,
  round(sum(bac), 1) AS bac, round(sum(pv), 1) AS pv, round(sum(ev), 1) AS ev, round(sum(ac), 1) AS ac,
  round(sum(hours_in_window), 1) AS hours_in_window
FROM project_kpis`;
