import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/index.ts';
import type { Project, Task } from '../../functions/domain/index.ts';
import { applyProjectRules, FieldVoteTally } from '../../functions/kpi/index.ts';

const project = (id: string, extra: Partial<Project> = {}): Project => ({
  id: `jira:${id}`, source: 'jira', sourceId: id, key: `K${id}`, name: `Project ${id}`, tags: [], pmId: `jira:lead-${id}`, ...extra,
});

const task = (projectId: string, pmFieldId: string | undefined, n: number): Task => ({
  id: `jira:t${n}`, source: 'jira', sourceId: `t${n}`, projectId, title: 't', status: 'todo', originalStatus: 'To Do',
  createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', tags: [], ...(pmFieldId ? { pmFieldId } : {}),
});

const rulesOf = (projectRules: unknown[]) =>
  parseConfig({
    sources: [
      { type: 'jira', name: 'jira', baseUrl: 'https://x.atlassian.net', email: 'a@b.c', tokenEnv: 'T' },
      { type: 'asana', name: 'asana', tokenEnv: 'A' },
    ],
    people: [{ id: 'ana@acme.com', aliases: ['jira:ana'] }, { id: 'bo@acme.com' }, { id: 'cy@acme.com' }],
    projectRules,
  }).projectRules;

describe('applyProjectRules', () => {
  it("keeps the source's PM and portfolio when no rule matches and no field names anyone", () => {
    const [owned] = applyProjectRules([project('1', { portfolio: 'Core' })], rulesOf([{ match: { project: 'K9' }, pm: 'bo@acme.com' }]));
    expect(owned).toMatchObject({ pmId: 'jira:lead-1', pmFrom: 'source', portfolio: 'Core' });
  });

  it("takes the PM field's most common value over the project's tasks before the lead, a tie to the smaller id", () => {
    const tally = new FieldVoteTally();
    // Project 1: ana twice, bo once -> ana. Project 2: bo and cy once each -> the smaller id, jira:bo.
    tally.addTasks([task('jira:1', 'jira:ana', 1), task('jira:1', 'jira:bo', 2), task('jira:1', 'jira:ana', 3), task('jira:1', undefined, 4)]);
    tally.addTasks([task('jira:2', 'jira:cy', 5), task('jira:2', 'jira:bo', 6)]);
    const owned = applyProjectRules([project('1'), project('2'), project('3')], [], { votes: tally.votes });
    expect(owned.map((p) => [p.pmId, p.pmFrom])).toEqual([
      ['jira:ana', 'fields.pm'],
      ['jira:bo', 'fields.pm'],
      ['jira:lead-3', 'source'],
    ]);
  });

  it("takes a project's own PM field (Asana people field) before the lead", () => {
    const [owned] = applyProjectRules([project('1', { pmFieldId: 'asana:77' })], []);
    expect(owned).toMatchObject({ pmId: 'asana:77', pmFrom: 'fields.pm' });
  });

  it('lets a rule beat the field, and the most specific rule beat the earlier ones', () => {
    const rules = rulesOf([
      { match: { source: 'jira' }, pm: 'cy@acme.com' }, // 0: source only
      { match: { category: 'platform' }, pm: 'bo@acme.com', portfolio: 'Platform & Infra' }, // 1: category, any case
      { match: { name: '^project [12]$' }, pm: 'jira:ana' }, // 2: name pattern
      { match: { project: 'k1' }, pm: 'ana@acme.com' }, // 3: project key, any case
      { match: { category: 'Platform' }, pm: 'cy@acme.com' }, // 4: as specific as 1, later in the file
    ]);
    const projects = [
      project('1', { portfolio: 'Platform', pmFieldId: 'jira:zed' }),
      project('2', { portfolio: 'Platform' }),
      project('3', { portfolio: 'Platform' }),
      project('4', { portfolio: 'Growth' }),
      { ...project('5'), source: 'asana', id: 'asana:5' },
    ];
    const owned = applyProjectRules(projects, rules);
    expect(owned.map((p) => [p.id, p.pmId, p.pmFrom, p.portfolio])).toEqual([
      ['jira:1', 'ana@acme.com', 'projectRules[3]', 'Platform & Infra'],
      ['jira:2', 'jira:ana', 'projectRules[2]', 'Platform & Infra'],
      ['jira:3', 'bo@acme.com', 'projectRules[1]', 'Platform & Infra'],
      ['jira:4', 'cy@acme.com', 'projectRules[0]', 'Growth'],
      ['asana:5', 'jira:lead-5', 'source', undefined],
    ]);
  });

  it('matches a project by record id or source id, and requires every key of a rule', () => {
    const rules = rulesOf([
      { match: { project: 'jira:2' }, pm: 'bo@acme.com' },
      { match: { project: '3', source: 'asana' }, pm: 'bo@acme.com' },
      { match: { project: '1' }, portfolio: 'Moved' },
    ]);
    const owned = applyProjectRules([project('1'), project('2'), project('3')], rules);
    expect(owned.map((p) => [p.pmId, p.portfolio])).toEqual([
      ['jira:lead-1', 'Moved'],
      ['bo@acme.com', undefined],
      ['jira:lead-3', undefined],
    ]);
  });

  it('leaves a project without any candidate without a PM', () => {
    const { pmId, ...bare } = project('1');
    expect(pmId).toBe('jira:lead-1');
    const [owned] = applyProjectRules([bare], []);
    expect(owned!.pmId).toBeUndefined();
    expect(owned!.pmFrom).toBeUndefined();
  });
});

describe('applyProjectRules with pmFieldSources', () => {
  it("ignores a stored field value of a source whose config no longer names the field", () => {
    const tally = new FieldVoteTally();
    tally.addTasks([task('jira:1', 'jira:ana', 1)]);
    const asana = { ...project('2', { pmFieldId: 'asana:77' }), id: 'asana:2', source: 'asana' };
    const owned = applyProjectRules([project('1'), asana], [], { votes: tally.votes, pmFieldSources: new Set(['asana']) });
    expect(owned.map((p) => [p.pmId, p.pmFrom])).toEqual([
      ['jira:lead-1', 'source'],
      ['asana:77', 'fields.pm'],
    ]);
  });
});
