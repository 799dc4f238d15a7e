import { copyFile, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CsvSourceSchema } from '../../functions/config/index.ts';
import { csvConnector, parseDate, parseDuration, parseHours } from '../../functions/connectors/csv/index.ts';
import { drain } from './helpers/drain.ts';
import { fixedNow, fixturePath } from './fixtures.ts';
import { silentLog } from './helpers/local-server.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function syncCsv(config: Record<string, unknown>, cursor?: string) {
  const source = CsvSourceSchema.parse({ type: 'csv', name: 'timesheets', ...config });
  return drain(csvConnector.read({ source, token: '', fetch, now: fixedNow, log: silentLog, ...(cursor ? { cursor } : {}) }));
}

const rows = (result: Awaited<ReturnType<typeof syncCsv>>) =>
  result.timeEntries.map((entry) => [entry.date, entry.personId, entry.projectId, entry.hours]);

describe('csvConnector vendor exports', () => {
  it('reads a Harvest report: hours as decimals, the person from first and last name', async () => {
    const result = await syncCsv({ path: fixturePath('csv', 'harvest.csv'), preset: 'harvest', projects: { 'payments platform': 'jira-main:10000' } });
    expect(rows(result)).toEqual([
      ['2026-03-02', 'timesheets:dana dev', 'jira-main:10000', 2.5],
      ['2026-03-03', 'timesheets:eli eng', 'jira-main:10000', 1.25],
    ]);
  });

  it('reads a Toggl report: durations as hh:mm:ss, people by email in any case', async () => {
    const result = await syncCsv({ path: fixturePath('csv', 'toggl.csv'), preset: 'toggl' });
    expect(rows(result)).toEqual([
      ['2026-03-02', 'timesheets:dana@northwind.example', 'timesheets:project:payments platform', 1.5],
      ['2026-03-04', 'timesheets:eli@northwind.example', 'timesheets:project:operations', 0.75],
    ]);
    expect(result.projects.map((project) => project.name)).toEqual(['Payments Platform', 'Operations']);
    expect(result.people.map((person) => person.email)).toEqual(['dana@northwind.example', 'eli@northwind.example']);
  });

  it('reads a Clockify report: US dates, quoted cells with commas', async () => {
    const result = await syncCsv({ path: fixturePath('csv', 'clockify.csv'), preset: 'clockify' });
    expect(rows(result)).toEqual([
      ['2026-03-02', 'timesheets:ola@northwind.example', 'timesheets:project:operations', 1],
      ['2026-03-05', 'timesheets:ola@northwind.example', 'timesheets:project:operations', 2.25],
    ]);
  });

  it('reads a Tempo export: project keys, a time after the work date', async () => {
    const result = await syncCsv({ path: fixturePath('csv', 'tempo.csv'), preset: 'tempo', projects: { OPS: 'jira-main:10001' } });
    expect(rows(result)).toEqual([
      ['2026-03-02', 'timesheets:ola ops', 'jira-main:10001', 1.5],
      ['2026-03-03', 'timesheets:dana dev', 'timesheets:project:pay', 3],
    ]);
    expect(result.projects).toEqual([{ id: 'timesheets:project:pay', source: 'timesheets', sourceId: 'project:pay', name: 'PAY', key: 'PAY', tags: [] }]);
  });

  it('lets columns override a preset, and reads minutes', async () => {
    const result = await syncCsv({ path: fixturePath('csv', 'clockify.csv'), preset: 'clockify', columns: { hours: 'Duration (decimal)' }, hoursUnit: 'minutes' });
    expect(result.timeEntries.map((entry) => entry.hours)).toEqual([1 / 60, 2.25 / 60]);
  });
});

describe('csvConnector bad rows and files', () => {
  it('quarantines a row whose project is unknown when asked to, and goes on', async () => {
    const result = await syncCsv({ path: fixturePath('csv', 'tempo.csv'), preset: 'tempo', projects: { OPS: 'jira-main:10001' }, unknownProject: 'quarantine' });
    expect(result.timeEntries.map((entry) => entry.sourceId)).toEqual(['tempo.csv:2']);
    expect(result.quarantined).toEqual([
      expect.objectContaining({ source: 'timesheets', kind: 'timeEntry', recordId: 'tempo.csv:3', reason: 'tempo.csv line 3: project "PAY" is not in the source\'s "projects" map' }),
    ]);
    expect(result.quarantined[0]?.raw).toMatchObject({ 'Issue Key': 'PAY-1', Hours: '3' });
  });

  it('quarantines a file whose header lacks a mapped column, once, and reads the other files', async () => {
    const dir = await tempCopy('toggl.csv', 'harvest.csv');
    const result = await syncCsv({ path: dir, preset: 'toggl' });
    expect(result.quarantined.map((entry) => entry.reason)).toEqual(['harvest.csv line 1: missing column "Start date", "User", "Email", "Duration"']);
    expect(result.timeEntries).toHaveLength(2);
  });

  it('quarantines the rest of a file the parser cannot read past, keeping the rows before it', async () => {
    const dir = await tempCopy();
    await writeFile(join(dir, 'broken.csv'), 'date,person,hours,project\n2026-03-02,Dana,1,PAY\n2026-03-03,"Dana,2,PAY\n');
    const result = await syncCsv({ path: dir, columns: { date: 'date', person: 'person', hours: 'hours', project: 'project' } });
    expect(result.timeEntries.map((entry) => entry.sourceId)).toEqual(['broken.csv:2']);
    expect(result.quarantined[0]?.reason).toMatch(/^broken\.csv line \d+: cannot parse: /);
  });
});

describe('csvConnector cursor', () => {
  const config = (path: string) => ({ path, preset: 'toggl' });

  it('skips unchanged files, re-reads a changed one and deletes its lines that went away', async () => {
    const dir = await tempCopy('toggl.csv');
    const first = await syncCsv(config(dir));
    const unchanged = await syncCsv(config(dir), first.cursor);
    expect(unchanged.timeEntries).toEqual([]);

    const file = join(dir, 'toggl.csv');
    const text = (await readFile(file, 'utf8')).split('\n');
    await writeFile(file, `${text[0]}\n${text[1]}\n`);
    await utimes(file, new Date(), new Date(Date.now() + 5000));
    const changed = await syncCsv(config(dir), unchanged.cursor);
    expect(changed.timeEntries.map((entry) => entry.sourceId)).toEqual(['toggl.csv:2']);
    expect(changed.deletions).toEqual([{ kind: 'timeEntry', ids: ['timesheets:toggl.csv:3'] }]);
  });

  it('reads a file added to the folder, and deletes every row of a file removed from it', async () => {
    const dir = await tempCopy('toggl.csv');
    const first = await syncCsv(config(dir));
    await copyFile(fixturePath('csv', 'toggl.csv'), join(dir, 'toggl-april.csv'));
    const added = await syncCsv(config(dir), first.cursor);
    expect(added.timeEntries.map((entry) => entry.sourceId)).toEqual(['toggl-april.csv:2', 'toggl-april.csv:3']);
    await rm(join(dir, 'toggl.csv'));
    const removed = await syncCsv(config(dir), added.cursor);
    expect(removed.deletions).toEqual([{ kind: 'timeEntry', ids: ['timesheets:toggl.csv:2', 'timesheets:toggl.csv:3'] }]);
  });
});

describe('timesheet values', () => {
  it('reads dates in the configured order and refuses impossible ones', () => {
    expect(parseDate('03/02/2026', 'MM/DD/YYYY')).toBe('2026-03-02');
    expect(parseDate('2.3.2026', 'DD.MM.YYYY')).toBe('2026-03-02');
    expect(parseDate('2026-03-02T09:00:00Z', 'YYYY-MM-DD')).toBe('2026-03-02');
    expect(parseDate('2026-02-30', 'YYYY-MM-DD')).toBeUndefined();
    expect(parseDate('02/03/2026', 'YYYY-MM-DD')).toBeUndefined();
  });

  it('reads durations and hours in the forms exports use', () => {
    expect(['1:30', '01:30:00', '1h 30m', '90m', '1.5', '1,5'].map(parseDuration)).toEqual([1.5, 1.5, 1.5, 1.5, 1.5, 1.5]);
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseHours('90', 'minutes')).toBe(1.5);
    expect(parseHours('5400', 'seconds')).toBe(1.5);
    expect(parseHours('-1', 'hours')).toBeUndefined();
  });
});

async function tempCopy(...names: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pmpulse-csv-'));
  dirs.push(dir);
  for (const name of names) await copyFile(fixturePath('csv', name), join(dir, name));
  return dir;
}
