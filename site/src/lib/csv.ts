import type { ChartTable } from './charts.ts';

/**
 * A cell a spreadsheet reads as a number literal: optional minus, digits, optional fraction,
 * optional exponent, optional percent sign, spaces around. Only these may start with a minus unprefixed;
 * `-2+HYPERLINK(…)` starts like a number but is a formula.
 */
const PLAIN_NUMBER = /^ *-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?%? *$/;

/**
 * What a spreadsheet may take as the start of a formula: = + - @, a tab or line break, also
 * behind spaces, and the full-width ＝ ＋ － ＠ that East Asian input methods type. Not every app
 * reads each of these as a formula (LibreOffice 7.4 runs only a leading =), but the apostrophe
 * costs a reader nothing and one app that does is enough.
 */
const FORMULA_START = /^[ \u00a0\u3000]*[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/;

/**
 * Source names are untrusted (any source user can edit a project or person name), so a cell that
 * could run as a formula gets a leading apostrophe, as OWASP recommends; plain numbers stay as
 * they are so the figures still sum in a spreadsheet.
 */
export function neutraliseCell(cell: string): string {
  if (PLAIN_NUMBER.test(cell)) return cell;
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function quote(cell: string): string {
  const safe = neutraliseCell(cell);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** RFC 4180 CSV of a chart's table: the same columns and cell text the page shows. */
export function toCsv(table: ChartTable): string {
  const lines = [table.columns, ...table.rows].map((row) => row.map(quote).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
