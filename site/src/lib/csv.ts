import type { ChartTable } from './charts.ts';

/**
 * Spreadsheets run a cell that starts with = + @ (or - followed by a non-number) as a
 * formula; source names are untrusted, so such cells get a leading apostrophe.
 */
function neutralise(cell: string): string {
  if (/^[=+@\t\r]/.test(cell) || (/^-/.test(cell) && !/^-\d/.test(cell))) return `'${cell}`;
  return cell;
}

function quote(cell: string): string {
  const safe = neutralise(cell);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** RFC 4180 CSV of a chart's table: the same columns and cell text the page shows. */
export function toCsv(table: ChartTable): string {
  const lines = [table.columns, ...table.rows].map((row) => row.map(quote).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
