import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Person, Project, Task, TimeEntry } from '../../functions/domain/records.ts';
import { DriverPicker, type DriverKind } from '../../functions/kpi/engine/driver-picker.ts';
import { createKpiEngine } from '../../functions/kpi/index.ts';
import type { DriverSubject } from '../../functions/kpi/engine/task-cards.ts';

/**
 * A task's spent hours as of the as-of date are the hours of its time entries dated by then; the
 * source's own total (Jira timespent) counts only for a task no time entry names, since it
 * includes whatever was logged later. Figures by hand, as of 2026-03-31, window 31 days:
 *
 *   Ada  T: done 03-24, estimate 10 h, source total 12 h; entries 5 h (03-10), 3 h (03-20),
 *           4 h (04-07, after asOf)                         → spent 8, accuracy 8/10 = 0.8
 *           (the source's total would give 12/10 = 1.2)
 *   Bo   U: done 03-25, estimate 4 h, source total 6 h, no entries   → spent 6 (source total)
 *        V: done 03-26, estimate 5 h, source total 9 h, its one entry 9 h on 04-02 (after asOf)
 *           → it has entries, none by asOf                          → spent 0
 *           accuracy (6 + 0)/(4 + 5) = 0.6667, n 2 (the source's totals: 15/9 = 1.6667)
 *   Cy   W: moved from Apollo to Cygnus, done 03-27, estimate 4 h, no source total; entries 3 h and
 *           2 h still naming Apollo                            → spent 5, accuracy 5/4 = 1.25
 */

const person = (id: string): Person => ({ id, source: 'jira', sourceId: id.slice(5), name: id.slice(5) });
const project = (key: string, pm: string): Project => ({ id: `jira:${key}`, source: 'jira', sourceId: key, key, name: key, pmId: pm, tags: [] });
const ada = project('ADA', 'jira:ada');
const bo = project('BO', 'jira:bo');
const apollo = project('APO', 'jira:ap');
const cygnus = project('CYG', 'jira:cy');

const task = (id: string, projectId: string, doneOn: string, estimateHours: number, spentHours?: number): Task => ({
  id: `jira:${id}`, source: 'jira', sourceId: id, projectId, title: `Task ${id}`, status: 'done', originalStatus: 'Done',
  createdAt: '2026-03-01T09:00:00Z', updatedAt: `${doneOn}T16:00:00Z`, doneAt: `${doneOn}T16:00:00Z`, estimateHours,
  ...(spentHours === undefined ? {} : { spentHours }), tags: [],
});

let seq = 0;
const entry = (taskId: string, projectId: string, date: string, hours: number): TimeEntry => {
  seq += 1;
  return { id: `jira:w${seq}`, source: 'jira', sourceId: `w${seq}`, taskId: `jira:${taskId}`, projectId, personId: 'jira:dev', date, hours };
};

interface Offer { kind: DriverKind; task: DriverSubject; reason: string }

function run() {
  const offers: Offer[] = [];
  const original = DriverPicker.prototype.offer;
  vi.spyOn(DriverPicker.prototype, 'offer').mockImplementation(function (this: DriverPicker, kind, weight, subject, describe, s, value) {
    if (kind === 'estimate' || kind === 'overrun') offers.push({ kind, task: subject, reason: describe(s, value) });
    original.call(this, kind, weight, subject, describe, s, value);
  });
  const engine = createKpiEngine({
    asOf: '2026-03-31', windowDays: 31, projects: [ada, bo, apollo, cygnus],
    people: ['jira:ada', 'jira:bo', 'jira:ap', 'jira:cy', 'jira:dev'].map(person), themes: [], overrides: [],
  });
  engine.addTasks([
    task('T', ada.id, '2026-03-24', 10, 12),
    task('U', bo.id, '2026-03-25', 4, 6),
    task('V', bo.id, '2026-03-26', 5, 9),
    task('W', cygnus.id, '2026-03-27', 4),
  ]);
  engine.addTimeEntries([
    entry('T', ada.id, '2026-03-10', 5),
    entry('T', ada.id, '2026-04-07', 4), // logged late: after asOf, and before the entries by asOf in the stream
    entry('T', ada.id, '2026-03-20', 3),
    entry('V', bo.id, '2026-04-02', 9),
    entry('W', apollo.id, '2026-03-05', 3), // logged while W sat in Apollo
    entry('W', apollo.id, '2026-03-06', 2),
  ]);
  const results = engine.finish();
  const accuracy = (pm: string) => results.managers.managers.find((m) => m.id === pm)?.values.estimationAccuracy;
  const offered = (id: string) => offers.filter((offer) => offer.task.id === `jira:${id}`).map((o) => [o.kind, o.task.spentHours, o.task.spentFrom, o.reason]);
  return { accuracy, offered };
}

describe('spent hours as of the as-of date', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('counts only the time entries dated by the as-of date, not the source total', () => {
    const { accuracy, offered } = run();
    expect(accuracy('jira:ada')).toMatchObject({ value: 0.8, n: 1 });
    expect(offered('T')).toEqual([['estimate', 8, 'entries', '0.8× its estimate']]);
  });

  it("falls back to the source's total for a task without time entries, and says so", () => {
    const { accuracy, offered } = run();
    // U counts with the source's 6 h against 4 h; V has entries but none by asOf, so no time
    // spent: left out of the ratio like a task with no time at all → 6 ÷ 4 = 1.5 over one task.
    expect(accuracy('jira:bo')).toMatchObject({ value: 1.5, n: 1 });
    // U: 6 h against 4 h → 2 h over, 1.5× (|ln 1.5| > 0: listed under 'estimate' too).
    expect(offered('U')).toEqual([
      ['overrun', 6, 'sourceTotal', '2 h over its 4 h estimate'],
      ['estimate', 6, 'sourceTotal', '1.5× its estimate'],
    ]);
    // V: entries, none by asOf → 0 h: neither an overrun nor a ratio to list.
    expect(offered('V')).toEqual([]);
  });

  it('counts the entries of a moved task on the task, whatever project they name', () => {
    const { accuracy, offered } = run();
    expect(accuracy('jira:cy')).toMatchObject({ value: 1.25, n: 1 });
    expect(accuracy('jira:ap')).toMatchObject({ value: null, n: 0 });
    expect(offered('W')).toEqual([
      ['overrun', 5, 'entries', '1 h over its 4 h estimate'],
      ['estimate', 5, 'entries', '1.3× its estimate'],
    ]);
  });
});
