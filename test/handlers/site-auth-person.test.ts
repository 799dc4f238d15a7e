import { describe, expect, it } from 'vitest';
import { personPathSegment } from '../../functions/access/person-path.ts';
import { identityFromClaims } from '../../functions/handlers/site-auth/roles.ts';
import { slug } from '../../site/src/lib/slug.ts';

/** The session's person must name the same page the site build emits for that PM. */

const ids = [
  'ana', 'Ana_B-1', 'jira:acct:5b10ac8d82e05b22cc7d4ef5', 'asana:1204567890123456', 'pm/ä 1', '../bob', 'bob/', '  ', '-x', '_x',
  'a'.repeat(64), 'a'.repeat(65), 'Zoë Åberg', '名前', '%2e%2e', 'x\u202Ey', 'UPPER:case',
];

describe('personPathSegment', () => {
  it('gives the segment the site build gives the PM page, for every kind of id', () => {
    const generated = Array.from({ length: 2000 }, (_, i) => String.fromCharCode(...Array.from({ length: 1 + (i % 20) }, (_, j) => 32 + ((i * 31 + j * 17) % 400))));
    for (const id of [...ids, ...generated]) expect(personPathSegment(id), JSON.stringify(id)).toBe(slug(id));
  });

  it('never yields a slash, a dot segment or an empty segment', () => {
    for (const id of ids.filter((id) => id.trim())) expect(personPathSegment(id)).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]*$/);
  });

  it('puts the segment, not the raw id, into the session', () => {
    expect(identityFromClaims({ 'cognito:groups': ['pm'], 'custom:pmpulse_person': 'jira:acct:5b10' })).toEqual({ roles: ['pm'], person: slug('jira:acct:5b10') });
    expect(identityFromClaims({ 'custom:pmpulse_groups': '["leadership","pm"]' })).toEqual({ roles: ['leadership', 'pm'] });
    expect(identityFromClaims({ 'custom:pmpulse_groups': 'strategy,pm', 'cognito:groups': 'not-a-list' })).toEqual({ roles: ['strategy', 'pm'] });
  });
});
