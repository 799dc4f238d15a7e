import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/index.ts';
import { problemsOf } from './config-problems.ts';

const base = {
  sources: [{ type: 'jira', name: 'jira', baseUrl: 'https://x.atlassian.net', email: 'a@b.c', tokenEnv: 'T', fields: { pm: 'Project Manager' } }],
  people: [{ id: 'ana@acme.com', aliases: ['jira:ana'] }],
};

describe('projectRules and source fields in the config', () => {
  it('accepts rules naming people by people[] id, alias or source person id, and defaults to none', () => {
    expect(parseConfig(base).projectRules).toEqual([]);
    const rules = [
      { match: { category: 'Platform' }, pm: 'ana@acme.com', portfolio: 'Platform' },
      { match: { project: 'PAY', source: 'jira' }, pm: 'jira:5b10a2844c20165700ede21g' },
      { match: { name: '^ops' }, portfolio: 'Operations' },
    ];
    expect(parseConfig({ ...base, projectRules: rules }).projectRules).toEqual(rules);
    expect(parseConfig(base).sources[0]).toMatchObject({ fields: { pm: 'Project Manager' } });
  });

  it('names each bad rule by its key', () => {
    expect(
      problemsOf({
        ...base,
        projectRules: [
          { match: {}, pm: 'ana@acme.com' },
          { match: { name: '(' }, pm: 'ana@acme.com' },
          { match: { category: 'X' } },
          { match: { source: 'jria' }, pm: 'nobody@acme.com' },
          { match: { project: 'A' }, pm: 'asana:1', owner: 'x' },
        ],
      }),
    ).toEqual([
      'projectRules[0].match: name at least one of source, project, category, name',
      'projectRules[1].match.name: not a valid regular expression',
      'projectRules[2]: a rule sets pm, portfolio or both',
      'projectRules[4]: Unrecognized key: "owner"',
      'projectRules[3].match.source: unknown source "jria" (sources: jira)',
      'projectRules[3].pm: "nobody@acme.com" is neither a people[] id or alias nor <source>:<person id> of a configured source (sources: jira)',
      'projectRules[4].pm: "asana:1" is neither a people[] id or alias nor <source>:<person id> of a configured source (sources: jira)',
    ]);
  });

  it('rejects an unknown or empty field reference', () => {
    const source = (fields: unknown) => ({ ...base, sources: [{ ...base.sources[0], fields }] });
    expect(problemsOf(source({ pm: ' ' }))).toEqual(['sources[0].fields.pm: a field id or name']);
    expect(problemsOf(source({ owner: 'x' }))).toEqual(['sources[0].fields: Unrecognized key: "owner"']);
  });
});
