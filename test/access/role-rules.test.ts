import { describe, expect, it } from 'vitest';
import { decideAccess } from '../../functions/access/role-rules.ts';

// The table read by hand: each line is a promise of docs/security.md's "Roles".
describe('who may open which page', () => {
  const pm = (person: string) => ({ roles: ['pm'], person });

  it('gives a PM their own page and its CSVs, and no other PM’s, even one whose id extends theirs', () => {
    expect(decideAccess('/pm/ana/', pm('ana'))).toEqual({ serve: '/pm/ana/' });
    expect(decideAccess('/data/pm-ana-areas.csv', pm('ana'))).toEqual({ serve: '/data/pm-ana-areas.csv' });
    expect(decideAccess('/data/pm-ana-trends.csv', pm('ana'))).toEqual({ serve: '/data/pm-ana-trends.csv' });
    expect(decideAccess('/pm/bob/', pm('ana'))).toEqual({ deny: true });
    expect(decideAccess('/data/pm-anabel-areas.csv', pm('ana'))).toEqual({ deny: true });
    expect(decideAccess('/data/pm-bob-trends.csv', pm('ana'))).toEqual({ deny: true });
  });

  it('serves a PM the company and their peers only without names', () => {
    expect(decideAccess('/compare/', pm('ana'))).toEqual({ serve: '/anonymous/compare/' });
    expect(decideAccess('/', pm('ana'))).toEqual({ serve: '/anonymous/' });
    expect(decideAccess('/quality/', pm('ana'))).toEqual({ deny: true });
  });

  it('lets leadership open everything as it is, and turns away someone in no group', () => {
    expect(decideAccess('/compare/', { roles: ['leadership'] })).toEqual({ serve: '/compare/' });
    expect(decideAccess('/data/pm-bob-trends.csv', { roles: ['leadership'] })).toEqual({ serve: '/data/pm-bob-trends.csv' });
    expect(decideAccess('/compare/', { roles: [] })).toEqual({ deny: true });
    expect(decideAccess('/definitions/', { roles: [] })).toEqual({ serve: '/definitions/' });
  });
});
