import { describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { toCsv } from '../../site/src/lib/csv.ts';
import { slug } from '../../site/src/lib/slug.ts';
import { NASTY_NAME } from './helpers.ts';

describe('toCsv', () => {
  it('quotes commas, quotes and line breaks and reads back to the same cells', () => {
    const table = { columns: ['Name', 'Value'], rows: [[NASTY_NAME, '1,240 h'], ['two\nlines', '-0.5'], ['', '']] };
    const text = toCsv(table);
    expect(text.split('\r\n')[1]).toBe('"<script>alert(1)</script> & ""Co""","1,240 h"');
    expect(parseCsv(text)).toEqual([table.columns, ...table.rows]);
  });

  it('keeps a spreadsheet from running a cell as a formula, but leaves negative numbers alone', () => {
    const text = toCsv({ columns: ['a', 'b', 'c'], rows: [['=HYPERLINK("x")', '-12', '@SUM(A1)']] });
    expect(parseCsv(text)[1]).toEqual(["'=HYPERLINK(\"x\")", '-12', "'@SUM(A1)"]);
  });
});

describe('slug', () => {
  it('keeps safe ids and turns others into distinct path-safe slugs', () => {
    expect(slug('pm-ada')).toBe('pm-ada');
    const a = slug('jira:acct:5b10');
    const b = slug('jira/acct/5b10');
    expect(a).toMatch(/^[a-z0-9-]+$/);
    expect(a).not.toBe(b);
    expect(slug('../..')).toMatch(/^[a-z0-9]+$/);
  });
});
