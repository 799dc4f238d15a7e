import { describe, expect, it } from 'vitest';
import type { PersonOverride } from '../../functions/config/schema.ts';
import type { Person, Project, StatusChange, Task, TimeEntry } from '../../functions/domain/records.ts';
import { dayNumber } from '../../functions/kpi/engine/calendar.ts';
import { createKpiEngine, type KpiResults } from '../../functions/kpi/index.ts';
import { isoWeekLabel } from '../../functions/kpi/quality/iso-week.ts';
import { QualityDocSchema } from '../../functions/contract/documents.ts';
import { buildQualityDoc } from '../../functions/publish/quality.ts';

/**
 * The data-quality flags, on hand-built records. asOf 2026-03-31, window 30 days (03-02 … 03-31).
 * ISO week 2026-W11 runs Monday 2026-03-09 … Sunday 2026-03-15.
 */
const AS_OF = '2026-03-31';
const split = (id: string) => ({ id, source: id.slice(0, id.indexOf(':')), sourceId: id.slice(id.indexOf(':') + 1) });
const person = (id: string, name: string): Person => ({ ...split(id), name });
const project = (id: string, pmId: string): Project => ({ ...split(id), name: id, pmId, tags: [] });
const task = (id: string, projectId: string): Task => ({
  ...split(id), projectId, title: id, status: 'in_progress', originalStatus: 'Doing', createdAt: '2026-01-05T09:00:00Z', updatedAt: '2026-03-31T09:00:00Z', tags: [],
});
const entry = (id: string, personId: string, date: string, hours: number, projectId = 'jira:P1'): TimeEntry => ({ ...split(id), projectId, personId, date, hours });
const change = (id: string, taskId: string, to: StatusChange['to'], from: StatusChange['from'], at = '2026-03-10T10:00:00Z'): StatusChange => ({
  ...split(id), taskId, at, toStatus: to, to, ...(from ? { from } : {}),
});

function run(input: { people?: Person[]; projects: Project[]; overrides?: PersonOverride[]; tasks?: Task[]; changes?: StatusChange[]; entries?: TimeEntry[] }): KpiResults {
  const engine = createKpiEngine({ asOf: AS_OF, windowDays: 30, projects: input.projects, people: input.people ?? [], themes: [], overrides: input.overrides ?? [] });
  engine.addTasks(input.tasks ?? []);
  engine.addStatusChanges(input.changes ?? []);
  engine.addTimeEntries(input.entries ?? []);
  return engine.finish();
}

const days = (from: number, count: number) => Array.from({ length: count }, (_, i) => `2026-03-${String(from + i).padStart(2, '0')}`);

describe('KPI engine plausibility flags', () => {
  it('flags a person with 82 h in one ISO week, with the week, the hours and the entry that crossed 80 h', () => {
    // Amy: 12 h Monday … Saturday (6 × 12 = 72 h), then 10 h on Sunday: 82 h; the Sunday entry takes her past 80.
    const amy = [...days(9, 6).map((date, i) => entry(`sheet:a${i + 1}`, 'jira:amy', date, 12)), entry('sheet:a7', 'jira:amy', '2026-03-15', 10)];
    // Jon: 10 h twice on Monday to Thursday = 80 h exactly (not over); Kim: 800 entries of 0.1 h = 80 h give or take float noise.
    const jon = days(9, 4).flatMap((date, i) => [entry(`sheet:j${2 * i}`, 'jira:jon', date, 10), entry(`sheet:j${2 * i + 1}`, 'jira:jon', date, 10)]);
    const kim = Array.from({ length: 800 }, (_, i) => entry(`sheet:k${i}`, 'jira:kim', '2026-03-10', 0.1));
    const result = run({ people: [person('jira:amy', 'Amy')], projects: [project('jira:P1', 'jira:pm')], entries: [...amy, ...jon, ...kim] });
    const weeks = result.findings.filter((finding) => finding.kind === 'personWeekHours');
    expect(weeks).toEqual([
      {
        kind: 'personWeekHours',
        message: 'Amy (jira:amy) logged 82 h in week 2026-W11, over 80 h: a double import or a mistyped entry is likelier than the work.',
        figure: 82,
        threshold: 80,
        records: { personId: 'jira:amy', personName: 'Amy', week: '2026-W11', weekStart: '2026-03-09', hours: 82, entryIds: ['sheet:a7'] },
      },
    ]);
  });

  it('flags single entries over 24 h, largest first, and not one of exactly 24 h', () => {
    const result = run({
      projects: [project('jira:P1', 'jira:pm')],
      entries: [entry('sheet:e1', 'jira:amy', '2026-03-02', 24), entry('sheet:e2', 'jira:amy', '2026-03-20', 30), entry('sheet:e3', 'jira:bo', '2026-03-25', 800)],
    });
    const entries = result.findings.filter((finding) => finding.kind === 'entryHours');
    expect(entries.map((finding) => [finding.records.entryId, finding.figure, finding.threshold])).toEqual([['sheet:e3', 800, 24], ['sheet:e2', 30, 24]]);
    expect(entries[1]?.records).toEqual({ entryId: 'sheet:e2', personId: 'jira:amy', personName: 'jira:amy', date: '2026-03-20', hours: 30 });
  });

  it('flags a PM whose team logs 1.6 times its capacity in a month (and the window), not a PM within it', () => {
    // Kim's capacity is 7 h a week: March (31 days) holds 7 × 31/7 = 31 h, the window (30 days) 30 h.
    // She logs 8 × 6.2 = 49.6 h on 03-02 … 03-09: March 49.6 / 31 = 1.6; window 49.6 / 30 = 1.6533.
    // Lea (default 40 h a week) logs 40 h in March on the other PM's project: 40 / (40 × 31/7) = 0.2258.
    const kim = days(2, 8).map((date, i) => entry(`sheet:k${i}`, 'jira:kim', date, 6.2));
    const lea = days(2, 5).map((date, i) => entry(`sheet:l${i}`, 'jira:lea', date, 8, 'jira:P2'));
    const result = run({
      people: [person('jira:pm', 'Pat'), person('jira:pm2', 'Quinn')],
      projects: [project('jira:P1', 'jira:pm'), project('jira:P2', 'jira:pm2')],
      overrides: [{ id: 'kim', aliases: ['jira:kim'], capacityHoursPerWeek: 7 }],
      entries: [...kim, ...lea],
    });
    const teams = result.findings.filter((finding) => finding.kind === 'teamUtilization');
    expect(teams.map(({ figure, threshold, records }) => ({ figure, threshold, records }))).toEqual([
      { figure: 1.6533, threshold: 1.5, records: { pmId: 'jira:pm', pmName: 'Pat', period: 'window', utilization: 1.6533, teamSize: 1 } },
      { figure: 1.6, threshold: 1.5, records: { pmId: 'jira:pm', pmName: 'Pat', period: '2026-03', utilization: 1.6, teamSize: 1 } },
    ]);
    expect(teams[1]?.message).toContain('The team of Pat logged 160 % of its capacity in 2026-03, over 150 %');
  });

  it('flags a source with status changes but none into done, not one with a move into done or too few changes', () => {
    // jira: 25 changes between todo and in progress. asana: 24 of those and one into done. csv: 5 changes, too few to judge.
    const back = (source: string, count: number) =>
      Array.from({ length: count }, (_, i) => change(`${source}:c${i}`, `${source}:t1`, i % 2 === 0 ? 'in_progress' : 'todo', i % 2 === 0 ? 'todo' : 'in_progress'));
    const late = change('jira:late', 'jira:t1', 'done', 'in_progress', '2026-04-02T10:00:00Z'); // after asOf: not counted
    const result = run({
      projects: [project('jira:P1', 'jira:pm'), project('asana:P1', 'jira:pm'), project('csv:P1', 'jira:pm')],
      tasks: [task('jira:t1', 'jira:P1'), task('asana:t1', 'asana:P1'), task('csv:t1', 'csv:P1')],
      changes: [...back('jira', 25), ...back('asana', 24), change('asana:done', 'asana:t1', 'done', 'in_progress'), ...back('csv', 5), late],
    });
    expect(result.findings.filter((finding) => finding.kind === 'noMovesToDone')).toEqual([
      {
        kind: 'noMovesToDone',
        message: 'Source jira has 25 status changes up to 2026-03-31 and not one into done: its status mapping probably maps no status to done, so completions, cycle times and reopens read nothing from it.',
        figure: 25,
        threshold: 20,
        records: { source: 'jira', statusChanges: 25, movesToDone: 0 },
      },
    ]);
  });

  it('publishes the findings in quality.json, valid against its schema', () => {
    const result = run({ projects: [project('jira:P1', 'jira:pm')], entries: [entry('sheet:e1', 'jira:amy', '2026-03-02', 90)] });
    const doc = buildQualityDoc({ now: new Date('2026-03-31T20:00:00Z'), runs: [], sources: [], quarantine: [], unmatchedIdentities: result.unmatchedIdentities, findings: result.findings, findingsOmitted: result.findingsOmitted });
    // 90 h in one entry: over 24 h as an entry, and over 80 h in its week (2026-03-02 is a Monday, week 2026-W10).
    expect(QualityDocSchema.parse(doc).findings?.map((finding) => [finding.kind, finding.figure])).toEqual([['personWeekHours', 90], ['entryHours', 90]]);
  });

  it('names weeks the ISO way across year ends', () => {
    // A week belongs to the year of its Thursday: Mon 2024-12-30 → Thu 2025-01-02, week 1 of 2025;
    // 2026 starts on a Thursday, so it has 53 weeks and Mon 2026-12-28 is in 2026-W53.
    expect(['2024-12-30', '2026-01-05', '2026-12-28', '2027-01-04'].map((monday) => isoWeekLabel(dayNumber(monday)))).toEqual(['2025-W01', '2026-W02', '2026-W53', '2027-W01']);
  });
});
