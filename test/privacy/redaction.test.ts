import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/index.ts';
import { anonymiseQuarantine, anonymiseRecords } from '../../functions/privacy/anonymise-records.ts';
import { accountKey, emailKey, erasureDigest, ErasureList } from '../../functions/privacy/erasure-list.ts';
import { Redactor } from '../../functions/privacy/redactor.ts';
import { findSubject } from '../../functions/privacy/subject.ts';
import { overrides, people } from '../fixtures/kpi/small-org.ts';

const config = parseConfig({ sources: [{ type: 'jira', name: 'jira', baseUrl: 'https://acme.atlassian.net', email: 'bot@acme.com', tokenEnv: 'T' }, { type: 'asana', name: 'asana', tokenEnv: 'A' }], people: overrides }, 'test.json');

describe('findSubject', () => {
  it('covers every account a configured person has: aliases and the accounts their e-mail joins', () => {
    // "bob" lists jira:bob; asana:bob shares its e-mail, so the figures count it as Bob too.
    const bob = findSubject(config, people, 'bob')!;
    expect(bob.configured).toEqual({ index: 1, id: 'bob' });
    expect(bob.accounts).toEqual(['asana:bob', 'jira:bob']);
    expect(bob.names).toEqual(['Bob', 'Bob R.', 'Bob Ray']);
    expect(bob.emails).toEqual(['bob@corp.com']);
  });

  it('takes an account joined to a configured person as that person', () => {
    expect(findSubject(config, people, 'asana:bob')!.accounts).toEqual(['asana:bob', 'jira:bob']);
  });

  it('takes an unconfigured account with the accounts its e-mail merges with', () => {
    const cy = findSubject(config, people, 'jira:cy')!;
    expect(cy.configured).toBeUndefined();
    expect(cy.accounts).toEqual(['asana:cy', 'jira:cy']);
  });

  it('knows nobody it was not told of', () => {
    expect(findSubject(config, people, 'jira:nobody')).toBeUndefined();
    expect(findSubject(config, people, 'carol@corp.com')).toBeUndefined();
  });
});

describe('Redactor', () => {
  const redactor = new Redactor({
    exact: new Map([['ann@corp.com', 'asana:erased-0000aaaa']]),
    within: new Map([
      ['Ann Lee', 'Former user'],
      ['ann@corp.com', 'erased-0000aaaa@erased.invalid'],
      ['jira:5b10a2844c20165700ede21g', 'jira:erased-0000aaaa'],
      ['5b10a2844c20165700ede21g', 'erased-0000aaaa'],
      ['1204000000000064', 'erased-0000aaaa'],
    ]),
  });

  it('replaces a whole id by the anonymous id, and names, e-mails and account ids inside text', () => {
    expect(redactor.text('ann@corp.com')).toBe('asana:erased-0000aaaa');
    expect(redactor.text('Ask ANN LEE (mailto:ann@corp.com)')).toBe('Ask Former user (mailto:erased-0000aaaa@erased.invalid)');
    expect(redactor.text('jira:5b10a2844c20165700ede21g')).toBe('jira:erased-0000aaaa');
    expect(redactor.text('https://x/people/5b10a2844c20165700ede21g/')).toBe('https://x/people/erased-0000aaaa/');
  });

  it('never replaces inside a longer id or word', () => {
    expect(redactor.text('12040000000000641')).toBe('12040000000000641');
    expect(redactor.text('Ann Leeds')).toBe('Ann Leeds');
  });

  it('rewrites keys and strings, keeps numbers and structure, and returns the same value when nothing matched', () => {
    const value = { managers: [{ id: 'ann@corp.com', name: 'Ann Lee', hours: 12.5 }], byPerson: { 'ann@corp.com': 3 } };
    expect(redactor.value(value)).toEqual({ managers: [{ id: 'asana:erased-0000aaaa', name: 'Former user', hours: 12.5 }], byPerson: { 'asana:erased-0000aaaa': 3 } });
    const untouched = { managers: [{ id: 'bob', name: 'Bob Ray', hours: 1 }] };
    expect(redactor.value(untouched)).toBe(untouched);
  });
});

describe('the erasure list at sync time', () => {
  const secret = 'f'.repeat(64);
  const token = 'erased-1a2b3c4d';
  const list = new ErasureList({
    secret,
    entries: [accountKey('jira:ann'), accountKey('asana:ann'), emailKey('Ann@Corp.com')].map((key) => ({ digest: erasureDigest(secret, key), token, erasedAt: '2026-12-06T00:00:00Z' })),
  });

  it('holds digests only: no account id or e-mail in clear', () => {
    const stored = JSON.stringify([...[accountKey('jira:ann'), emailKey('ann@corp.com')].map((key) => erasureDigest(secret, key))]);
    expect(stored).not.toMatch(/ann/i);
    expect(list.people).toBe(1);
  });

  it('stores an erased person as the anonymous account and moves their work to it', () => {
    const [person, other] = anonymiseRecords(list, 'person', [
      { id: 'jira:ann', source: 'jira', sourceId: 'ann', name: 'Ann', email: 'ann@corp.com' },
      { id: 'jira:bob', source: 'jira', sourceId: 'bob', name: 'Bob' },
    ]);
    expect(person).toEqual({ id: `jira:${token}`, source: 'jira', sourceId: token, name: 'Former user', email: `${token}@erased.invalid`, active: false });
    expect(other!.name).toBe('Bob');
    // A new account with an erased e-mail is erased too.
    expect(anonymiseRecords(list, 'person', [{ id: 'csv:x', source: 'csv', sourceId: 'x', name: 'A. Lee', email: 'ANN@corp.com' }])[0]!.name).toBe('Former user');
    const [entry] = anonymiseRecords(list, 'timeEntry', [{ id: 'jira:w1', source: 'jira', sourceId: 'w1', projectId: 'jira:p', personId: 'asana:ann', date: '2026-01-02', hours: 3 }]);
    expect(entry).toMatchObject({ personId: `asana:${token}`, hours: 3 });
    const [project] = anonymiseRecords(list, 'project', [{ id: 'jira:p', source: 'jira', sourceId: 'p', name: 'P', pmId: 'jira:ann', tags: [] }]);
    expect(project!.pmId).toBe(`jira:${token}`);
  });

  it('withholds a quarantined payload that names an erased account', () => {
    const [entry] = anonymiseQuarantine(list, [
      { source: 'jira', kind: 'person', recordId: 'ann', reason: 'ann: bad', raw: { accountId: 'ann', displayName: 'Ann Lee' }, at: '2026-12-06T00:00:00Z' },
    ]);
    expect(JSON.stringify(entry)).not.toMatch(/ann/i);
    expect(entry).toMatchObject({ recordId: token, reason: `${token}: bad` });
  });
});
