import { describe, expect, it } from 'vitest';
import { mapAsanaTask } from '../../functions/connectors/asana/map.ts';
import { mapRow } from '../../functions/connectors/csv/map.ts';
import { CsvSourceSchema } from '../../functions/config/index.ts';
import { AsanaTaskSchema } from '../../functions/connectors/asana/schema.ts';
import { mapJiraIssue, mapJiraWorklog } from '../../functions/connectors/jira/map.ts';
import { JiraIssueSchema, JiraWorklogSchema } from '../../functions/connectors/jira/schema.ts';
import type { Person, Project, Task, TimeEntry } from '../../functions/domain/records.ts';
import { TaskSchema, TimeEntrySchema } from '../../functions/domain/records.ts';
import { createKpiEngine } from '../../functions/kpi/index.ts';

/**
 * Issue #14, defect 1: Jira writes date-times in the API user's zone (`-0400` in New York); the
 * connector turned them into UTC, so a task resolved at 21:15 on its due day was read as done the
 * next day. The connector now keeps the offset; the engine takes the day by the one time rule.
 */

const pm: Person = { id: 'jira:pm', source: 'jira', sourceId: 'pm', name: 'Pat' };
const dev: Person = { id: 'jira:dev', source: 'jira', sourceId: 'dev', name: 'Dee' };
const project: Project = { id: 'jira:10000', source: 'jira', sourceId: '10000', name: 'P', pmId: pm.id, tags: [] };

/** The window (March 2026) values of the one PM. */
function windowValues(tasks: Task[], entries: TimeEntry[], timeZone?: string) {
  const engine = createKpiEngine({
    asOf: '2026-03-31', windowDays: 31, ...(timeZone ? { settings: { timeZone } } : {}),
    projects: [project], people: [pm, dev], themes: [], overrides: [],
  });
  engine.addTasks(tasks);
  engine.addTimeEntries(entries);
  return engine.finish().managers.managers[0]!.values;
}

const jiraIssue = (resolved: string) => JiraIssueSchema.parse({
  id: '20001', key: 'PAY-1',
  fields: {
    summary: 'Card tokenisation', project: { id: '10000' }, status: { name: 'Done', statusCategory: { key: 'done' } },
    created: '2026-03-02T09:00:00.000-0500', updated: resolved, duedate: '2026-03-17', resolutiondate: resolved,
  },
});

describe('Jira date-times and the one time rule', () => {
  it('keeps the offset Jira wrote, in ISO 8601 form', () => {
    const task = mapJiraIssue('jira', jiraIssue('2026-03-17T21:15:00.000-0400'));
    expect(task.doneAt).toBe('2026-03-17T21:15:00.000-04:00');
    expect(task.createdAt).toBe('2026-03-02T09:00:00.000-05:00');
    expect(TaskSchema.safeParse(task).success).toBe(true);
  });

  it('counts a task resolved at 21:15 New York time on its due day as on time, with the zone and without', () => {
    const task = mapJiraIssue('jira', jiraIssue('2026-03-17T21:15:00.000-0400'));
    // Default: the day as Jira wrote it, 17 March. America/New_York: 21:15 EDT is 17 March too.
    expect(windowValues([task], []).onTimeRate).toMatchObject({ value: 1, n: 1 });
    expect(windowValues([task], [], 'America/New_York').onTimeRate).toMatchObject({ value: 1, n: 1 });
    // Read in Kolkata the same instant (01:15 UTC on 18 March + 5:30) is 06:45 on 18 March: late.
    expect(windowValues([task], [], 'Asia/Kolkata').onTimeRate).toMatchObject({ value: 0, n: 1 });
  });

  it('keeps a worklog start instant, so its day follows the configured zone', () => {
    const raw = { id: '30001', author: { accountId: 'dev', displayName: 'Dee' }, started: '2026-03-31T22:30:00.000-0400', timeSpentSeconds: 7200 };
    const entry = mapJiraWorklog('jira', JiraWorklogSchema.parse(raw), { taskId: 'jira:20001', projectId: project.id });
    expect({ date: entry.date, startedAt: entry.startedAt }).toEqual({ date: '2026-03-31', startedAt: '2026-03-31T22:30:00.000-04:00' });
    expect(TimeEntrySchema.safeParse(entry).success).toBe(true);
    // 22:30 EDT on 31 March: in the window under New York time and under the default (Jira's own date).
    expect(windowValues([], [entry], 'America/New_York').hoursLogged?.value).toBe(2);
    expect(windowValues([], [entry]).hoursLogged?.value).toBe(2);
    // Read in Kolkata: 02:30 UTC on 1 April + 5:30 = 08:00 on 1 April, after the as-of date.
    expect(windowValues([], [entry], 'Asia/Kolkata').hoursLogged?.value).toBe(0);
  });
});

describe('Asana date-times and the one time rule', () => {
  const asanaTask = AsanaTaskSchema.parse({
    gid: '3001', name: 'Launch page', completed: true, completed_at: '2026-03-18T01:15:00.000Z',
    created_at: '2026-03-02T14:00:00.000Z', modified_at: '2026-03-18T01:15:00.000Z', due_on: '2026-03-17',
  });

  it('reads completed_at (UTC) in the configured zone: 01:15Z on 18 March is 21:15 on the 17th in New York', () => {
    const task = mapAsanaTask('asana', asanaTask, '10000');
    const inProject = { ...task, projectId: project.id };
    // 01:15Z − 4 h (EDT) = 21:15 on 17 March, the due day: on time.
    expect(windowValues([inProject], [], 'America/New_York').onTimeRate).toMatchObject({ value: 1, n: 1 });
    // Without a zone, the day Asana wrote: 18 March, a day late.
    expect(windowValues([inProject], []).onTimeRate).toMatchObject({ value: 0, n: 1 });
    expect(windowValues([inProject], []).slipDaysMean).toMatchObject({ value: 1 });
  });
});

describe('CSV dates and the one time rule', () => {
  const config = CsvSourceSchema.parse({ type: 'csv', name: 'sheets', path: '/dev/null', columns: { date: 'Date', person: 'Who', hours: 'Hours', project: 'Project' } });
  const context = { config, mapping: { columns: { date: 'Date', person: 'Who', hours: 'Hours', project: 'Project' }, dateFormat: 'YYYY-MM-DD' }, projectMap: new Map<string, string>() };
  const row = (date: string) => mapRow(context, { date, person: 'Dee', amount: '2', project: 'P' }, 'f.csv:2').entry;

  it('keeps a plain date, and a time without an offset, as the date written', () => {
    expect(row('2026-03-31')).toMatchObject({ date: '2026-03-31' });
    expect(row('2026-03-31').startedAt).toBeUndefined();
    // A wall-clock time in an unknown zone: not an instant, the day stays as written.
    expect(row('2026-03-31 22:30').startedAt).toBeUndefined();
  });

  it('keeps a date-time with an offset as the start instant, so the zone rule applies', () => {
    const entry = row('2026-04-01T02:30:00Z');
    expect({ date: entry.date, startedAt: entry.startedAt }).toEqual({ date: '2026-04-01', startedAt: '2026-04-01T02:30:00Z' });
    // 02:30Z on 1 April − 4 h = 22:30 on 31 March in New York: in the window; without a zone, 1 April: after asOf.
    const inProject = { ...entry, projectId: project.id, personId: dev.id };
    expect(windowValues([], [inProject], 'America/New_York').hoursLogged?.value).toBe(2);
    expect(windowValues([], [inProject]).hoursLogged?.value).toBe(0);
  });
});
