import { describe, expect, it } from 'vitest';
import { createIdentityResolver } from '../../functions/kpi/index.ts';

describe('createIdentityResolver', () => {
  const people = [
    { id: 'jira:a1', source: 'jira', sourceId: 'a1', name: 'Alex J', email: 'alex@corp.com' },
    { id: 'asana:a2', source: 'asana', sourceId: 'a2', name: 'Alex A', email: 'Alex@Corp.com' },
    { id: 'jira:z9', source: 'jira', sourceId: 'z9', name: 'Zed', email: 'alex@corp.com' },
  ];

  it('prefers an alias over an email match', () => {
    const resolver = createIdentityResolver(people, [
      { id: 'alex', email: 'alex@corp.com', aliases: [] },
      { id: 'zed', name: 'Zed Z', aliases: ['jira:z9'] },
    ]);
    expect(resolver.resolve('jira:z9')).toEqual({ id: 'zed', name: 'Zed Z', matched: true });
    expect(resolver.resolve('asana:a2')).toEqual({ id: 'alex', name: 'Alex A', matched: true }); // first by record id
  });

  it('names an unnamed override after its first aliased person', () => {
    const resolver = createIdentityResolver(people, [{ id: 'alex', aliases: ['jira:a1'] }]);
    expect(resolver.resolve('jira:a1')).toEqual({ id: 'alex', name: 'Alex J', matched: true });
    // Same email as an aliased person: joins the override.
    expect(resolver.resolve('asana:a2')).toEqual({ id: 'alex', name: 'Alex J', matched: true });
  });

  it('merges people sharing an email under the smallest record id, and keeps strangers as themselves', () => {
    const resolver = createIdentityResolver(people, []);
    expect(resolver.resolve('jira:z9')).toEqual({ id: 'asana:a2', name: 'Alex A', matched: false });
    expect(resolver.resolve('jira:unknown')).toEqual({ id: 'jira:unknown', name: 'jira:unknown', matched: false });
  });
});
