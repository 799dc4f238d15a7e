import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CsvSourceSchema, isConfigError, parseConfig } from '../../functions/config/index.ts';
import { csvConnector } from '../../functions/connectors/csv/index.ts';
import { issueTaskId } from '../../functions/connectors/csv/map.ts';
import { drain } from './helpers/drain.ts';
import { fixedNow } from './fixtures.ts';
import { silentLog } from './helpers/local-server.ts';

/**
 * Linear has no time tracking: a timesheet row that names a Linear issue (`ENG-123`) is joined to
 * it by the csv source's `issueKeys`, the time entry's task being the id the Linear connector
 * stores the issue under (`<linear source>:ENG-123`).
 */

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempoExport(lines: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pmpulse-linear-join-'));
  dirs.push(dir);
  const path = join(dir, 'tempo.csv');
  await writeFile(path, ['Work date,Full name,Hours,Project Key,Issue Key', ...lines].join('\n'));
  return path;
}

describe('timesheet rows joined to Linear issues by issue key', () => {
  it('gives a row naming a mapped prefix the Linear issue as its task; other rows keep none', async () => {
    const path = await tempoExport(['2026-03-02,Dana Dev,2.5,ENG,ENG-12', '2026-03-03,Dana Dev,1,PAY,PAY-3', '2026-03-03,Eli Eng,0.5,ENG,']);
    const source = CsvSourceSchema.parse({ type: 'csv', name: 'tempo', path, preset: 'tempo', issueKeys: { ENG: 'linear-main' }, projects: { ENG: 'linear-main:b0000000-0000-4000-a000-000000000001' } });
    const result = await drain(csvConnector.read({ source, token: '', fetch, now: fixedNow, log: silentLog }));
    expect(result.timeEntries.map((entry) => [entry.hours, entry.taskId ?? null, entry.projectId])).toEqual([
      [2.5, 'linear-main:ENG-12', 'linear-main:b0000000-0000-4000-a000-000000000001'],
      [1, null, 'tempo:project:pay'],
      [0.5, null, 'linear-main:b0000000-0000-4000-a000-000000000001'],
    ]);
  });

  it('finds the key alone or at the start of a task name, never inside a word', () => {
    const keys = { ENG: 'linear-main' };
    expect(issueTaskId(keys, 'ENG-123')).toBe('linear-main:ENG-123');
    expect(issueTaskId(keys, 'ENG-7 Fix the login')).toBe('linear-main:ENG-7');
    expect(issueTaskId(keys, 'Review (ENG-8)')).toBe('linear-main:ENG-8');
    expect(issueTaskId(keys, 'XENG-9')).toBeUndefined();
    expect(issueTaskId(keys, 'ENG-9b')).toBeUndefined();
    expect(issueTaskId(keys, 'OPS-1')).toBeUndefined();
    expect(issueTaskId(undefined, 'ENG-1')).toBeUndefined();
  });
});

describe('config: a Linear source\'s timesheetSource', () => {
  const linear = { type: 'linear', name: 'linear-main', tokenEnv: 'LINEAR_KEY', timesheetSource: 'tempo' };
  const problem = (sources: unknown[]) => {
    try {
      parseConfig({ sources });
      return undefined;
    } catch (error) {
      return isConfigError(error) ? error.message : String(error);
    }
  };

  it('accepts a csv source whose issueKeys name the Linear source', () => {
    expect(problem([linear, { type: 'csv', name: 'tempo', path: 'x.csv', preset: 'tempo', issueKeys: { ENG: 'linear-main' } }])).toBeUndefined();
  });

  it('names the key when the timesheet source is missing, not a csv source, or joins nothing to Linear', () => {
    expect(problem([linear])).toMatch(/sources\[0\]\.timesheetSource.*"tempo" is not a csv source/);
    expect(problem([linear, { type: 'csv', name: 'tempo', path: 'x.csv', preset: 'tempo' }])).toMatch(/sources\[0\]\.timesheetSource.*no issueKeys entry naming "linear-main"/);
  });

  it('refuses a bad issue-key prefix and an unknown key of the Linear source', () => {
    expect(problem([{ type: 'csv', name: 'tempo', path: 'x.csv', preset: 'tempo', issueKeys: { 'eng-': 'linear-main' } }])).toMatch(/issueKeys/);
    expect(problem([{ type: 'jira', name: 'jira', baseUrl: 'https://acme.atlassian.net', email: 'a@b.c', tokenEnv: 'J' }, { type: 'csv', name: 'tempo', path: 'x.csv', preset: 'tempo', issueKeys: { PAY: 'jira' } }])).toMatch(/sources\[1\]\.issueKeys\.PAY.*"jira" is not a linear source/);
    expect(problem([{ ...linear, timesheetSource: undefined, teamz: ['ENG'] }])).toMatch(/teamz/);
  });
});
