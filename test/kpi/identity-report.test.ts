import { describe, expect, it } from 'vitest';
import { createKpiEngine } from '../../functions/kpi/index.ts';
import { IdentityReportSchema } from '../../functions/contract/documents.ts';
import { AS_OF, overrides, people, projects, tasks, timeEntries, WINDOW_DAYS } from '../fixtures/kpi/two-sources-org.ts';

/** How accounts were joined to people, and former accounts keeping their hours (test/fixtures/kpi/two-sources-org.ts). */

function run() {
  const engine = createKpiEngine({ asOf: AS_OF, windowDays: WINDOW_DAYS, projects, people, themes: [], overrides });
  engine.addTasks(tasks);
  engine.addTimeEntries(timeEntries);
  return engine.finish();
}

describe('the identity report', () => {
  it('counts accounts joined by alias, by e-mail and not at all', () => {
    const { identities } = run();
    IdentityReportSchema.parse(identities);
    // Seen: w1, f1, w2, f2 (time entries), pm1, pm2 (PMs). w1 by alias; w2, pm1, pm2 by e-mail; f1, f2 by nothing.
    expect(identities.accounts).toEqual({ byAlias: 1, byEmail: 3, unmatched: 2 });
  });

  it('keeps each former user under its own account id with its own hours', () => {
    const { identities, unmatchedIdentities } = run();
    expect(identities.formerAccounts).toEqual([
      { recordId: 'jira:f1', name: 'Former user …0000f1', personId: 'jira:f1', matched: false, hoursInWindow: 1 },
      { recordId: 'jira:f2', name: 'Former user …0000f2', personId: 'jira:f2', matched: false, hoursInWindow: 0.5 },
    ]);
    expect(unmatchedIdentities.map((identity) => identity.id)).toEqual(['jira:f1', 'jira:f2']);
  });

  it('counts a former user an alias names as that person, hours included', () => {
    const withAlias = [...overrides, { id: 'fay@corp.com', name: 'Fay', aliases: ['jira:f1'] }];
    const engine = createKpiEngine({ asOf: AS_OF, windowDays: WINDOW_DAYS, projects, people, themes: [], overrides: withAlias });
    engine.addTasks(tasks);
    engine.addTimeEntries(timeEntries);
    const { identities } = engine.finish();
    expect(identities.accounts).toEqual({ byAlias: 2, byEmail: 3, unmatched: 1 });
    expect(identities.formerAccounts[0]).toEqual({ recordId: 'jira:f1', name: 'Former user …0000f1', personId: 'fay@corp.com', matched: true, hoursInWindow: 1 });
  });
});
