import { describe, expect, it } from 'vitest';
import { createIdentityResolver } from '../../functions/kpi/engine/identity.ts';
import { People } from '../../functions/kpi/engine/people.ts';

const overrides = [{ id: 'ana@example.com', aliases: ['jira:ana', 'asana:42'], capacityHoursPerWeek: 32, rate: 90 }];
const peopleWith = (heard: string[]) => new People(createIdentityResolver([], overrides), overrides, 40, 3, 0, 30, (id) => heard.push(id));

describe('People', () => {
  it('gives one index per canonical person and hears each source id once', () => {
    const heard: string[] = [];
    const people = peopleWith(heard);
    expect(people.indexOf('jira:ana')).toBe(0);
    expect(people.indexOf('jira:bo')).toBe(1);
    expect(people.indexOf('asana:42')).toBe(0); // an alias of ana
    expect(people.indexOf('jira:ana')).toBe(0);
    expect(heard).toEqual(['jira:ana', 'jira:bo', 'asana:42']);
    expect(people.tallies.map((tally) => tally.capacityPerWeek)).toEqual([32, 40]);
  });

  it('answers a page of ids as indexOf would, -1 where the id is undefined', () => {
    const heard: string[] = [];
    const people = peopleWith(heard);
    people.indexOf('jira:bo');
    const ids = ['jira:cy', undefined, 'jira:bo', 'asana:42', 'jira:cy', 'jira:ana'];
    const out = new Int32Array(ids.length);
    people.indexesOf(ids, ids.length, out);
    expect([...out]).toEqual([1, -1, 0, 2, 1, 2]);
    expect(heard).toEqual(['jira:bo', 'jira:cy', 'asana:42', 'jira:ana']);
  });

  it('does not count an assignee seen only for a rate as seen until they log time', () => {
    const heard: string[] = [];
    const people = peopleWith(heard);
    expect(people.rateOf('jira:ana')).toBe(90);
    expect(people.rateOf('jira:dee')).toBeUndefined();
    expect(heard).toEqual([]);
    const out = new Int32Array(2);
    people.indexesOf(['jira:dee', 'jira:ana'], 2, out);
    expect([...out]).toEqual([1, 0]);
    expect(heard).toEqual(['jira:dee', 'jira:ana']);
  });

  it('tells which ids were heard, adding nobody', () => {
    const heard: string[] = [];
    const people = peopleWith(heard);
    people.indexOf('jira:bo');
    people.rateOf('jira:ana'); // seen for a rate only: not heard
    const out = new Uint8Array(4);
    people.heardOf(['jira:bo', 'jira:ana', undefined, 'jira:new'], 4, out);
    expect([...out]).toEqual([1, 0, 0, 0]);
    expect(heard).toEqual(['jira:bo']);
    expect(people.tallies).toHaveLength(2); // bo, and ana through rateOf; no one for jira:new
  });
});
