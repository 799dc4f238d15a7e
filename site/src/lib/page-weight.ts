/**
 * A page's HTML stays under 150 KB at 200 PMs (bench/site-scale.ts): past this many rows a chart's
 * inline data table gives way to its CSV, which keeps every row, and a chart draws only what stays
 * readable. A company this small or smaller sees every table and every name as before.
 */
export const INLINE_ROWS_UP_TO = 25;

/** The sentence standing in for a data table left to its CSV. */
export const tableInCsv = (rows: number, where: string) =>
  `The data table has ${rows} rows: ${where}, and the CSV holds all of them.`;
