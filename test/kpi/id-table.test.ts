import { describe, expect, it } from 'vitest';
import { IdTable } from '../../functions/kpi/structures/id-table.ts';

describe('IdTable', () => {
  it('numbers ids in order of first sight and finds them again', () => {
    const table = new IdTable();
    expect(table.add('jira:PAY-1')).toBe(0);
    expect(table.add('jira:PAY-2')).toBe(1);
    expect(table.add('jira:PAY-1')).toBe(-1);
    expect(table.find('jira:PAY-2')).toBe(1);
    expect(table.find('jira:PAY-3')).toBe(-1);
    expect(table.size).toBe(2);
  });

  it('keeps ids with characters above U+00FF apart from their narrow look-alikes', () => {
    const table = new IdTable();
    expect(table.add('asana:Zürich')).toBe(0); // ü is U+00FC: still narrow
    expect(table.add('asana:Łódź')).toBe(1);
    expect(table.add('asana:Lodz')).toBe(2);
    expect(table.find('asana:Łódź')).toBe(1);
    expect(table.find('asana:Zürich')).toBe(0);
    expect(table.add('asana:Łódź')).toBe(-1);
  });

  it('adds a batch as one add per id would, across batch borders and table growth', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `t${i % 3000}`); // ids 0…1999 come twice
    const batched = new IdTable();
    const out = new Int32Array(ids.length);
    batched.addAll(ids, ids.length, out);
    const single = new IdTable();
    expect([...out]).toEqual(ids.map((id) => single.add(id)));
    expect(out[2999]).toBe(2999);
    expect(out[3000]).toBe(-1);
    expect(batched.size).toBe(3000);
  });

  it('finds a batch with unknown and missing ids as -1', () => {
    const table = new IdTable();
    for (let i = 0; i < 3000; i++) table.add(`t${i}`);
    table.add('asana:Łódź');
    const ids = ['t7', undefined, 'nope', 'asana:Łódź', 't2999', 't3000', ...Array.from({ length: 1200 }, (_, i) => `t${i * 2}`)];
    const out = new Int32Array(ids.length);
    table.findAll(ids, ids.length, out);
    expect([...out.subarray(0, 6)]).toEqual([7, -1, -1, 3000, 2999, -1]);
    expect(out[6 + 1199]).toBe(2398);
  });

  it('keeps a value with each id, the first one it was added with', () => {
    const table = new IdTable();
    const long = 'x'.repeat(300); // too long for the arena: kept in the Map like a wide id
    const out = new Int32Array(5);
    table.addAll(['a', 'asana:Łódź', long, 'a', 'b'], 5, out, Int32Array.of(10, 20, 30, 40, 50));
    expect([...out]).toEqual([0, 1, 2, -1, 3]);
    const values = new Int32Array(6).fill(-9);
    const indexes = new Int32Array(6);
    table.findAll(['b', long, 'asana:Łódź', 'a', 'zz', undefined], 6, indexes, values);
    expect([...indexes]).toEqual([3, 2, 1, 0, -1, -1]);
    expect([...values]).toEqual([50, 30, 20, 10, -9, -9]);
    expect(table.add('c', 7)).toBe(4);
    const found = new Int32Array(1);
    table.findAll(['c'], 1, found, values);
    expect([found[0], values[0]]).toEqual([4, 7]);
  });

  it('looks at only the first `count` ids', () => {
    const table = new IdTable();
    const out = new Int32Array(3).fill(9);
    table.addAll(['a', 'b', 'c'], 2, out);
    expect([...out]).toEqual([0, 1, 9]);
    expect(table.find('c')).toBe(-1);
  });
});
