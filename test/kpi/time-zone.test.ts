import { describe, expect, it } from 'vitest';
import type { Person, Project, StatusChange, Task, TimeEntry } from '../../functions/domain/records.ts';
import { createKpiEngine } from '../../functions/kpi/index.ts';

/**
 * The one time rule (docs/kpi-catalogue.md, "Common rules"): every day-based figure is taken in
 * `kpi.timeZone`; without it, the day is the one the source wrote (the first ten characters).
 * Three companies, their records written in UTC (as Asana writes them, and as the Jira connector
 * wrote them before it kept offsets), around the evenings and early mornings that a UTC day moves
 * to the wrong local day. Every expected day is worked out by hand in the comments:
 *   local = UTC + offset.
 * New York: EST −5 until 2026-03-08 02:00 local (07:00 UTC), then EDT −4.
 * Kolkata: IST +05:30 all year.
 * Auckland: NZDT +13 until 2026-04-05 03:00 local (2026-04-04 14:00 UTC), then NZST +12.
 */

const pm: Person = { id: 's:pm', source: 's', sourceId: 'pm', name: 'Pat' };
const dev: Person = { id: 's:dev', source: 's', sourceId: 'dev', name: 'Dee' };
const project: Project = { id: 's:P', source: 's', sourceId: 'P', name: 'P', pmId: pm.id, tags: [] };

function task(id: string, fields: Partial<Task>): Task {
  return {
    id: `s:${id}`, source: 's', sourceId: id, projectId: project.id, title: id, status: 'done', originalStatus: 'Done',
    createdAt: '2026-02-20T15:00:00Z', updatedAt: '2026-02-20T15:00:00Z', tags: [], ...fields,
  };
}

function move(id: string, taskId: string, at: string, from: Task['status'], to: Task['status']): StatusChange {
  return { id: `s:${id}`, source: 's', sourceId: id, taskId: `s:${taskId}`, at, from, to, toStatus: to };
}

function entry(id: string, hours: number, date: string, startedAt?: string): TimeEntry {
  return { id: `s:${id}`, source: 's', sourceId: id, projectId: project.id, personId: dev.id, date, hours, ...(startedAt ? { startedAt } : {}) };
}

interface Company { asOf: string; tasks: Task[]; changes?: StatusChange[]; entries?: TimeEntry[] }

/** The PM's values: `window` and per month `YYYY-MM`. */
function run(company: Company, timeZone?: string) {
  const engine = createKpiEngine({
    asOf: company.asOf, windowDays: 30, ...(timeZone ? { settings: { timeZone } } : {}),
    projects: [project], people: [pm, dev], themes: [], overrides: [],
  });
  engine.addTasks(company.tasks);
  engine.addStatusChanges(company.changes ?? []);
  engine.addTimeEntries(company.entries ?? []);
  const manager = engine.finish().managers.managers[0]!;
  const month = (period: string) => manager.months!.find((m) => m.period === period)!.values;
  return { month };
}

const rate = (v: { value: number | null; n: number; successes?: number }) => ({ value: v.value, n: v.n, successes: v.successes });

describe('America/New_York across the March DST switch', () => {
  const company: Company = {
    asOf: '2026-03-31',
    tasks: [
      // 01:15Z − 4 h = 21:15 EDT on 17 March, its due day: on time. UTC day 18 March: a day late.
      task('evening', { dueOn: '2026-03-17', doneAt: '2026-03-18T01:15:00.000Z', createdAt: '2026-03-01T15:00:00Z' }),
      // 04:30Z on 8 March is before 07:00Z, still EST: − 5 h = 23:30 on 7 March, due that day: on time.
      task('before-switch', { dueOn: '2026-03-07', doneAt: '2026-03-08T04:30:00Z', createdAt: '2026-03-01T15:00:00Z' }),
      // 04:30Z on 9 March is EDT: − 4 h = 00:30 on 9 March, due the 8th: late (with EST it would be 23:30, on time).
      task('after-switch', { dueOn: '2026-03-08', doneAt: '2026-03-09T04:30:00Z', createdAt: '2026-03-01T15:00:00Z' }),
      // 02:00Z on 1 April − 4 h = 22:00 on 31 March, the as-of date: done, on time. UTC day 1 April: after asOf, open.
      task('asof-evening', { dueOn: '2026-03-31', doneAt: '2026-04-01T02:00:00Z', createdAt: '2026-03-01T15:00:00Z' }),
      // 04:59Z on 1 March − 5 h = 23:59 on 28 February: done in February. UTC day: March.
      task('feb-evening', { doneAt: '2026-03-01T04:59:00Z' }),
      // Created and started 03:30Z on 1 April − 4 h = 23:30 on 31 March: created by the as-of date.
      task('created-evening', { status: 'in_progress', originalStatus: 'In Progress', createdAt: '2026-04-01T03:30:00Z', startedAt: '2026-04-01T03:30:00Z' }),
      // Reopened on the evening of asOf (below); in progress since 2 March.
      task('reopened', { status: 'in_progress', originalStatus: 'In Progress', createdAt: '2026-03-01T15:00:00Z' }),
    ],
    changes: [
      move('c1', 'reopened', '2026-03-02T14:00:00Z', 'todo', 'in_progress'),
      move('c2', 'reopened', '2026-03-20T14:00:00Z', 'in_progress', 'done'),
      // 01:00Z on 1 April − 4 h = 21:00 on 31 March: a reopen in March. UTC day: after asOf, dropped.
      move('c3', 'reopened', '2026-04-01T01:00:00Z', 'done', 'in_progress'),
    ],
    entries: [
      // 03:00Z on 1 March − 5 h = 22:00 on 28 February (the source wrote the UTC date 1 March).
      entry('w1', 2, '2026-03-01', '2026-03-01T03:00:00Z'),
      // Written as Jira writes it, in New York time: 31 March either way.
      entry('w2', 3, '2026-03-31', '2026-03-31T23:00:00.000-04:00'),
      // 01:30Z on 1 April − 4 h = 21:30 on 31 March: March. Without a zone: 1 April, after asOf.
      entry('w3', 4, '2026-04-01', '2026-04-01T01:30:00Z'),
    ],
  };

  it('judges due dates, done days and DST in New York time', () => {
    const { month } = run(company, 'America/New_York');
    // Due in March: evening, before-switch and asof-evening on time; after-switch late → 3 / 4.
    expect(rate(month('2026-03').onTimeRate!)).toEqual({ value: 0.75, n: 4, successes: 3 });
    // Done in February: feb-evening; in March: the four due ones.
    expect(month('2026-02').throughput!.n).toBe(1);
    expect(month('2026-03').throughput!.n).toBe(4);
  });

  it('counts the reopen, the created task and the hours of the as-of evening', () => {
    const { month } = run(company, 'America/New_York');
    // Completions in March: c2; reopens: c3 (21:00 on 31 March) → 1 / 1.
    expect(rate(month('2026-03').reopenRate!)).toEqual({ value: 1, n: 1, successes: 1 });
    // In progress at the end of March: created-evening (started 31 March) and reopened → 2; all 7 tasks created by then.
    expect({ value: month('2026-03').wip!.value, n: month('2026-03').wip!.n }).toEqual({ value: 2, n: 7 });
    // Hours: w1 in February (2 h); w2 + w3 in March (3 + 4 = 7 h).
    expect(month('2026-02').hoursLogged!.value).toBe(2);
    expect(month('2026-03').hoursLogged!.value).toBe(7);
  });

  it('reads the days as the source wrote them without a zone', () => {
    const { month } = run(company);
    // UTC days: evening 18th (late), before-switch 8th (late), after-switch 9th (late), asof-evening 1 April (open) → 0 / 4.
    expect(rate(month('2026-03').onTimeRate!)).toEqual({ value: 0, n: 4, successes: 0 });
    // Done in February: none; in March: evening, before-switch, after-switch, feb-evening.
    expect(month('2026-02').throughput!.n).toBe(0);
    expect(month('2026-03').throughput!.n).toBe(4);
    // The reopen is dated 1 April: dropped → 0 / 1. created-evening was created 1 April: 6 created by the end of March.
    expect(rate(month('2026-03').reopenRate!)).toEqual({ value: 0, n: 1, successes: 0 });
    expect(month('2026-03').wip!.n).toBe(6);
    // w1 dated 1 March and w2 31 March: 2 + 3 = 5 h in March; w3 dated 1 April is after asOf.
    expect(month('2026-02').hoursLogged!.value).toBe(0);
    expect(month('2026-03').hoursLogged!.value).toBe(5);
  });
});

describe('Asia/Kolkata (+05:30)', () => {
  const company: Company = {
    asOf: '2026-03-31',
    tasks: [
      // 19:00Z + 5:30 = 00:30 on 17 March, due that day: on time (UTC day 16th: on time too).
      task('k1', { dueOn: '2026-03-17', doneAt: '2026-03-16T19:00:00Z' }),
      // 18:40Z + 5:30 = 00:10 on 18 March, due the 17th: late. UTC day 17th: on time.
      task('k2', { dueOn: '2026-03-17', doneAt: '2026-03-17T18:40:00Z' }),
      // 19:00Z on 28 Feb + 5:30 = 00:30 on 1 March: done in March. UTC day: February.
      task('k3', { doneAt: '2026-02-28T19:00:00Z' }),
      // 18:45Z on 31 March + 5:30 = 00:15 on 1 April: after asOf, open and late. UTC day 31st: on time.
      task('k4', { dueOn: '2026-03-31', doneAt: '2026-03-31T18:45:00Z' }),
    ],
    entries: [
      entry('w1', 1, '2026-03-10', '2026-03-10T04:00:00Z'), // 09:30 on 10 March either way
      // 19:00Z on 31 March + 5:30 = 00:30 on 1 April: after asOf. Dated 31 March by the source.
      entry('w2', 2, '2026-03-31', '2026-03-31T19:00:00Z'),
    ],
  };

  it('moves early-morning records to the next day, and past the as-of date', () => {
    const { month } = run(company, 'Asia/Kolkata');
    // Due in March: k1 on time, k2 late, k4 open → 1 / 3.
    expect(rate(month('2026-03').onTimeRate!)).toEqual({ value: 0.3333, n: 3, successes: 1 }) // 1 / 3, published to 4 places;
    // Done: February none; March k1, k2, k3.
    expect([month('2026-02').throughput!.n, month('2026-03').throughput!.n]).toEqual([0, 3]);
    expect(month('2026-03').hoursLogged!.value).toBe(1);
  });

  it('reads the UTC days as written without a zone', () => {
    const { month } = run(company);
    // k1 16th, k2 17th, k4 31st: all on time → 3 / 3. Done: February k3; March k1, k2, k4.
    expect(rate(month('2026-03').onTimeRate!)).toEqual({ value: 1, n: 3, successes: 3 });
    expect([month('2026-02').throughput!.n, month('2026-03').throughput!.n]).toEqual([1, 3]);
    expect(month('2026-03').hoursLogged!.value).toBe(3);
  });
});

describe('Pacific/Auckland as its DST ends (first Sunday of April)', () => {
  const company: Company = {
    asOf: '2026-04-05',
    tasks: [
      // 11:30Z on 4 April + 13 (NZDT, before 14:00Z) = 00:30 on 5 April, due the 4th: late. UTC day 4th: on time.
      task('z1', { dueOn: '2026-04-04', doneAt: '2026-04-04T11:30:00Z' }),
      // 11:30Z on 5 April + 12 (NZST) = 23:30 on 5 April, the as-of date: done, on time (with +13 it would be the 6th).
      task('z2', { dueOn: '2026-04-05', doneAt: '2026-04-05T11:30:00Z' }),
      // 12:30Z on 5 April + 12 = 00:30 on 6 April: after asOf, open and late. UTC day 5th: on time.
      task('z3', { dueOn: '2026-04-05', doneAt: '2026-04-05T12:30:00Z' }),
      // 11:30Z on 31 March + 13 = 00:30 on 1 April: April. UTC day: March.
      task('z4', { doneAt: '2026-03-31T11:30:00Z' }),
      // 10:30Z on 28 Feb + 13 = 23:30 on 28 Feb: February either way.
      task('z5', { doneAt: '2026-02-28T10:30:00Z' }),
      // 11:30Z on 28 Feb + 13 = 00:30 on 1 March: March. UTC day: February.
      task('z6', { doneAt: '2026-02-28T11:30:00Z' }),
    ],
    entries: [
      // 11:00Z on 31 March + 13 = 00:00 on 1 April: April. Dated 31 March by the source.
      entry('w1', 2, '2026-03-31', '2026-03-31T11:00:00Z'),
      // 12:30Z on 5 April + 12 = 00:30 on 6 April: after asOf.
      entry('w2', 3, '2026-04-05', '2026-04-05T12:30:00Z'),
    ],
  };

  it('takes days at +13 before the change and +12 after it', () => {
    const { month } = run(company, 'Pacific/Auckland');
    // Due in April (1st–5th): z1 late, z2 on time, z3 open → 1 / 3.
    expect(rate(month('2026-04').onTimeRate!)).toEqual({ value: 0.3333, n: 3, successes: 1 }) // 1 / 3, published to 4 places;
    // Done: February z5; March z6; April z1, z2, z4.
    expect([month('2026-02').throughput!.n, month('2026-03').throughput!.n, month('2026-04').throughput!.n]).toEqual([1, 1, 3]);
    // Hours: w1 in April, w2 after asOf.
    expect([month('2026-03').hoursLogged!.value, month('2026-04').hoursLogged!.value]).toEqual([0, 2]);
  });

  it('reads the UTC days as written without a zone', () => {
    const { month } = run(company);
    // z1 4th, z2 5th, z3 5th: all on time → 3 / 3. Done: February z5, z6; March z4; April z1, z2, z3.
    expect(rate(month('2026-04').onTimeRate!)).toEqual({ value: 1, n: 3, successes: 3 });
    expect([month('2026-02').throughput!.n, month('2026-03').throughput!.n, month('2026-04').throughput!.n]).toEqual([2, 1, 3]);
    // w1 dated 31 March; w2 dated 5 April.
    expect([month('2026-03').hoursLogged!.value, month('2026-04').hoursLogged!.value]).toEqual([2, 3]);
  });
});
