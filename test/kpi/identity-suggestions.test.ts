import { describe, expect, it } from 'vitest';
import type { PersonOverride } from '../../functions/config/schema.ts';
import type { Person, Project, TimeEntry } from '../../functions/domain/records.ts';
import { createKpiEngine, type KpiResults } from '../../functions/kpi/index.ts';
import { QualityDocSchema } from '../../functions/contract/documents.ts';
import { buildQualityDoc } from '../../functions/publish/quality.ts';

/** Unmatched accounts that look like one person, as the engine reports them, with the config lines that join them. */
const split = (id: string) => ({ id, source: id.slice(0, id.indexOf(':')), sourceId: id.slice(id.indexOf(':') + 1) });
const person = (id: string, name: string, email?: string): Person => ({ ...split(id), name, ...(email ? { email } : {}) });
const project = (id: string, pmId: string): Project => ({ ...split(id), name: id, pmId, tags: [] });
const entry = (id: string, personId: string): TimeEntry => ({ ...split(id), projectId: 'jira:P1', personId, date: '2026-03-10', hours: 1 });

function run(people: Person[], overrides: PersonOverride[], pmIds: string[], loggers: string[]): KpiResults {
  const engine = createKpiEngine({ asOf: '2026-03-31', windowDays: 30, projects: pmIds.map((pmId, i) => project(`jira:P${i + 1}`, pmId)), people, themes: [], overrides });
  engine.addTasks([]);
  engine.addTimeEntries(loggers.map((personId, i) => entry(`sheet:e${i}`, personId)));
  return engine.finish();
}

describe('identity suggestions', () => {
  it('joins a Jira and an Asana account with the same display name under the e-mail one of them carries', () => {
    // Jira hides the e-mail; Asana writes the name with an accent and two spaces.
    const people = [person('jira:5b10', 'Ana Lima'), person('asana:1201', 'Aná  lima', 'Ana@Acme.com'), person('jira:dee', 'Dee')];
    const result = run(people, [], ['jira:5b10', 'jira:dee'], ['asana:1201']);
    expect(result.unmatchedIdentities.map((identity) => identity.id)).toEqual(['asana:1201', 'jira:5b10', 'jira:dee']);
    expect(result.identitySuggestions).toEqual([
      {
        reasons: ['sameName'],
        message: 'Aná  lima (asana:1201), Ana Lima (jira:5b10) look like one person (same display name).',
        accounts: [{ id: 'asana:1201', name: 'Aná  lima', recordIds: ['asana:1201'] }, { id: 'jira:5b10', name: 'Ana Lima', recordIds: ['jira:5b10'] }],
        config: '{ "id": "ana@acme.com", "aliases": ["asana:1201", "jira:5b10"] }',
      },
    ]);
  });

  it('joins accounts whose e-mails share the local part across domains', () => {
    const people = [person('jira:b1', 'Bob', 'bob.ray@acme.com'), person('csv:bob', 'B. Ray', 'bob.ray@gmail.com'), person('jira:b2', 'Bobby', 'bob@acme.com')];
    const result = run(people, [], ['jira:b1', 'jira:b2'], ['csv:bob']);
    // One e-mail each: the smaller, bob.ray@acme.com, becomes the id. bob@acme.com has another local part.
    expect(result.identitySuggestions.map(({ reasons, config }) => ({ reasons, config }))).toEqual([
      { reasons: ['sameEmailLocalPart'], config: '{ "id": "bob.ray@acme.com", "aliases": ["csv:bob", "jira:b1"] }' },
    ]);
  });

  it('adds an account that looks like a configured person to that person\'s aliases, keeping its other settings', () => {
    // jira:c1 is Cy Young's known alias; asana:c2 carries the same name and is not configured yet.
    const people = [person('jira:c1', 'Cy Young'), person('asana:c2', 'cy young'), person('asana:zed', 'Zed')];
    const overrides: PersonOverride[] = [{ id: 'cy@acme.com', aliases: ['jira:c1'], capacityHoursPerWeek: 32 }];
    const result = run(people, overrides, ['jira:c1', 'asana:zed'], ['asana:c2']);
    expect(result.identitySuggestions).toEqual([
      {
        reasons: ['sameName', 'knownPerson'],
        message: 'cy young (asana:c2) looks like cy@acme.com in people[] (same display name): add to its aliases.',
        accounts: [{ id: 'asana:c2', name: 'cy young', recordIds: ['asana:c2'] }],
        personId: 'cy@acme.com',
        config: '{ "id": "cy@acme.com", "aliases": ["jira:c1", "asana:c2"], "capacityHoursPerWeek": 32 }',
      },
    ]);
  });

  it('suggests nothing for two configured people alike, and publishes suggestions in quality.json', () => {
    const people = [person('jira:x1', 'Sam Lee'), person('asana:x2', 'Sam Lee'), person('csv:x3', 'Sam Lee')];
    const overrides: PersonOverride[] = [{ id: 'sam1', aliases: ['jira:x1'] }, { id: 'sam2', aliases: ['asana:x2'] }];
    expect(run(people, overrides, ['jira:x1', 'asana:x2'], ['csv:x3']).identitySuggestions).toEqual([]);
    const result = run([person('jira:a', 'Al'), person('asana:a', 'al')], [], ['jira:a'], ['asana:a']);
    const doc = QualityDocSchema.parse(buildQualityDoc({ now: new Date('2026-03-31T20:00:00Z'), runs: [], sources: [], quarantine: [], unmatchedIdentities: result.unmatchedIdentities, identitySuggestions: result.identitySuggestions }));
    // No e-mail anywhere: the smaller account id stands as the person's id.
    expect(doc.identitySuggestions?.map((suggestion) => suggestion.config)).toEqual(['{ "id": "asana:a", "aliases": ["asana:a", "jira:a"] }']);
  });

  it('joins no two accounts of one source, which are two people (Jira names every deleted account "Former user")', () => {
    const people = [person('jira:f1', 'Former user'), person('jira:f2', 'Former user'), person('asana:f3', 'former user')];
    expect(run(people, [], ['jira:f1', 'jira:f2'], ['asana:f3']).identitySuggestions).toEqual([]);
  });
});
