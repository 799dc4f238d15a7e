import { Calendar, dateOfDay } from '../../functions/kpi/engine/calendar.ts';
import { MONTHS, QUARTERS } from '../../functions/kpi/engine/settings.ts';
import { AS_OF, WINDOW_DAYS } from './synthetic.ts';

/**
 * The rest of what the pmpulse engine computes, as a DuckDB user would write it: every PM figure
 * for every period (the trailing window, 12 months, 4 quarters), not only the window's. The window
 * queries in queries.ts are a seventeenth of that work; comparing the engine with them alone would
 * flatter DuckDB. Same definitions as functions/kpi (catalogue-delivery.ts, catalogue-flow.ts):
 * on-time rate, mean and p85 slip, throughput, lead time p50/p85, SPI/CPI, open overdue and WIP
 * at each period's closing month end, hours and entries, utilization, overtime share, workload
 * balance, and the theme mix per month and per PM. Status history is not in the synthetic data,
 * so cycle time and reopen rate are empty on both sides.
 */

const CAPACITY_PER_WEEK = 40;
const calendar = new Calendar(AS_OF, WINDOW_DAYS, MONTHS, QUARTERS);
const asOf = `DATE '${AS_OF}'`;
const firstMonthStart = `DATE '${dateOfDay(calendar.slots[1]!.from)}'`;

/** One row per slot, as the engine numbers them: 0 the window, 1–12 the months, 13–16 the quarters. */
const periods = `
CREATE OR REPLACE TEMP TABLE periods AS SELECT * FROM (VALUES
${calendar.slots.map((slot, index) => `  (${index}, '${slot.kind}', DATE '${dateOfDay(slot.from)}', DATE '${dateOfDay(slot.to)}', ${slot.closingMonth}, ${slot.to - slot.from + 1})`).join(',\n')}
) AS p(slot, kind, p_from, p_to, closing_month, days)`;

const firstQuarterStart = `DATE '${dateOfDay(calendar.slots[1 + MONTHS]!.from)}'`;
const windowFrom = `DATE '${dateOfDay(calendar.slots[0]!.from)}'`;

/** Index of the first month end on or after a date (0 before the first month), like Calendar.firstMonthEndFrom. */
const monthEnd = (date: string) => `greatest(0, datediff('month', ${firstMonthStart}, ${date}))`;

const tasksByPm = `
CREATE OR REPLACE TEMP TABLE task_pm AS
SELECT t.*, pr.pm_id,
  CASE WHEN t.done_day <= ${asOf} THEN t.done_day END AS done_by,
  greatest(0, (t.done_ms - t.created_ms) / 86400000.0) AS lead_days
FROM tasks t JOIN projects pr ON pr.id = t.project_id`;

const entriesByPm = `
CREATE OR REPLACE TEMP TABLE entry_pm AS
SELECT e.person_id, e.date, e.hours, pr.pm_id, t.theme
FROM entries e JOIN projects pr ON pr.id = e.project_id LEFT JOIN tasks t ON t.id = e.task_id
WHERE e.date <= ${asOf}`;

/** Tasks due in each period: on time, slip mean and p85. */
const due = `
CREATE OR REPLACE TEMP TABLE pm_due AS
SELECT t.pm_id, p.slot, count(*) AS due,
  count(*) FILTER (WHERE t.done_by <= t.due_on) AS on_time,
  sum(greatest(0, coalesce(t.done_by, ${asOf}) - t.due_on)) / count(*) AS slip_mean,
  quantile_cont(greatest(0, coalesce(t.done_by, ${asOf}) - t.due_on), 0.85) AS slip_p85
FROM task_pm t JOIN periods p ON t.due_on BETWEEN p.p_from AND p.p_to
GROUP BY ALL`;

/** Tasks done in each period: throughput per week and lead time. */
const done = `
CREATE OR REPLACE TEMP TABLE pm_done AS
SELECT t.pm_id, p.slot, count(*) AS done, count(*) / (any_value(p.days) / 7.0) AS throughput,
  quantile_cont(t.lead_days, 0.5) AS lead_p50, quantile_cont(t.lead_days, 0.85) AS lead_p85
FROM task_pm t JOIN periods p ON t.done_by BETWEEN p.p_from AND p.p_to
GROUP BY ALL`;

/**
 * States at each month end (PV, EV, AC, open overdue, WIP) as running sums of dated changes:
 * +estimate when a task falls due, +1 overdue when it falls due and −1 when it is done, and so on.
 */
const states = `
CREATE OR REPLACE TEMP TABLE pm_states AS
WITH changes AS (
  SELECT pm_id, ${monthEnd('due_on')} AS m, estimate_hours AS pv, 0 AS ev, 0 AS ac, 1 AS overdue, 0 AS wip FROM task_pm WHERE due_on <= ${asOf}
  UNION ALL SELECT pm_id, ${monthEnd('done_by')}, 0, estimate_hours, 0, 0, -1 FROM task_pm WHERE done_by IS NOT NULL
  UNION ALL SELECT pm_id, ${monthEnd('greatest(due_on, done_by)')}, 0, 0, 0, -1, 0 FROM task_pm WHERE due_on <= ${asOf} AND done_by IS NOT NULL
  UNION ALL SELECT pm_id, ${monthEnd('to_timestamp(created_ms / 1000)::DATE')}, 0, 0, 0, 0, 1 FROM task_pm WHERE to_timestamp(created_ms / 1000)::DATE <= ${asOf}
  UNION ALL SELECT pm_id, ${monthEnd('date')}, 0, 0, hours, 0, 0 FROM entry_pm),
per_month AS (SELECT pm_id, m, sum(pv) AS pv, sum(ev) AS ev, sum(ac) AS ac, sum(overdue) AS overdue, sum(wip) AS wip FROM changes GROUP BY ALL)
SELECT pm_id, m,
  sum(pv) OVER w AS pv, sum(ev) OVER w AS ev, sum(ac) OVER w AS ac, sum(overdue) OVER w AS overdue, sum(wip) OVER w AS wip
FROM per_month WINDOW w AS (PARTITION BY pm_id ORDER BY m)`;

/** Hours per PM and period, and each team member's hours across all their work (for utilization). */
const team = `
CREATE OR REPLACE TEMP TABLE pm_team AS
WITH member AS (
  SELECT pm_id, 0 AS slot, person_id, sum(hours) AS hours_here, count(*) AS entries FROM entry_pm WHERE date >= ${windowFrom} GROUP BY ALL
  UNION ALL
  SELECT pm_id, 1 + datediff('month', ${firstMonthStart}, date), person_id, sum(hours), count(*) FROM entry_pm WHERE date >= ${firstMonthStart} GROUP BY ALL
  UNION ALL
  SELECT pm_id, ${1 + MONTHS} + datediff('quarter', ${firstQuarterStart}, date), person_id, sum(hours), count(*) FROM entry_pm WHERE date >= ${firstQuarterStart} GROUP BY ALL),
person_slot AS (SELECT person_id, slot, sum(hours_here) AS hours FROM member GROUP BY ALL),
person_week AS (
  SELECT person_id, date_trunc('week', date)::DATE AS monday, sum(hours) AS hours FROM entry_pm GROUP BY ALL),
overtime AS (
  SELECT m.pm_id, m.slot, sum(greatest(0, w.hours - ${CAPACITY_PER_WEEK})) AS over, sum(w.hours) AS week_hours
  FROM member m JOIN periods p ON p.slot = m.slot JOIN person_week w ON w.person_id = m.person_id AND w.monday BETWEEN p.p_from AND p.p_to
  GROUP BY ALL)
SELECT m.pm_id, m.slot, sum(m.hours_here) AS hours, sum(m.entries) AS entries, count(*) AS members,
  sum(ps.hours) / (count(*) * ${CAPACITY_PER_WEEK} * any_value(p.days) / 7.0) AS utilization,
  any_value(o.over) / nullif(any_value(o.week_hours), 0) AS overtime_share,
  stddev_pop(m.hours_here) / nullif(avg(m.hours_here), 0) AS workload_balance
FROM member m JOIN periods p ON p.slot = m.slot JOIN person_slot ps ON ps.person_id = m.person_id AND ps.slot = m.slot
LEFT JOIN overtime o ON o.pm_id = m.pm_id AND o.slot = m.slot
GROUP BY m.pm_id, m.slot`;

/** Every figure per PM and period in one result, as the managers document holds them. */
const managerPeriods = `
SELECT pr.pm_id, p.slot, d.due, d.on_time / nullif(d.due, 0) AS on_time_rate, d.slip_mean, d.slip_p85,
  dn.done, dn.throughput, dn.lead_p50, dn.lead_p85,
  s.ev / nullif(s.pv, 0) AS spi, s.ev / nullif(s.ac, 0) AS cpi, s.overdue, s.wip,
  tm.hours, tm.entries, tm.members, tm.utilization, tm.overtime_share, tm.workload_balance
FROM (SELECT DISTINCT pm_id FROM projects) pr CROSS JOIN periods p
LEFT JOIN pm_due d ON d.pm_id = pr.pm_id AND d.slot = p.slot
LEFT JOIN pm_done dn ON dn.pm_id = pr.pm_id AND dn.slot = p.slot
LEFT JOIN pm_states s ON s.pm_id = pr.pm_id AND s.m = p.closing_month
LEFT JOIN pm_team tm ON tm.pm_id = pr.pm_id AND tm.slot = p.slot
ORDER BY pr.pm_id, p.slot`;

/** The theme mix per month (company) and per PM over the window. */
const themeMonths = `
SELECT 1 + datediff('month', ${firstMonthStart}, date) AS slot, coalesce(theme, '(unaligned)') AS theme, sum(hours) AS hours
FROM entry_pm WHERE date >= ${firstMonthStart} GROUP BY ALL ORDER BY ALL`;
const themeManagers = `
SELECT pm_id, coalesce(theme, '(unaligned)') AS theme, sum(hours) AS hours
FROM entry_pm WHERE date >= ${windowFrom} GROUP BY ALL ORDER BY ALL`;

/** Statements that build tables, then the queries whose rows are read back. */
export const PERIOD_QUERY = {
  build: [periods, tasksByPm, entriesByPm, due, done, states, team],
  read: [managerPeriods, themeMonths, themeManagers],
};

/** Totals over every PM and period, checked against the engine's managers document. */
export const PERIOD_CHECK_SQL = `
SELECT sum(coalesce(d.due, 0)) AS due_all_periods, sum(coalesce(dn.done, 0)) AS done_all_periods,
  sum(coalesce(tm.entries, 0)) AS entries_all_periods, sum(coalesce(tm.members, 0)) AS members_all_periods
FROM (SELECT DISTINCT pm_id FROM projects) pr CROSS JOIN periods p
LEFT JOIN pm_due d ON d.pm_id = pr.pm_id AND d.slot = p.slot
LEFT JOIN pm_done dn ON dn.pm_id = pr.pm_id AND dn.slot = p.slot
LEFT JOIN pm_team tm ON tm.pm_id = pr.pm_id AND tm.slot = p.slot`;
