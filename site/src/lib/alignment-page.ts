// The alignment page, lightened for a large company: a dozen portfolio charts drawn once at phone
// width (two to a row on a wide screen) instead of twice, and the per-PM table cut to the largest
// gaps with every PM in its CSV. A company with few portfolios and PMs sees the page as before.
import type { AlignmentDoc } from '../../../functions/contract/documents.ts';
import type { ChartDef, ChartTable } from './charts.ts';
import { INLINE_ROWS_UP_TO } from './page-weight.ts';
import { pmAlignmentTable } from './tables.ts';
import { narrowSpec } from './vega-svg.ts';

/** Past this many portfolios their charts are drawn once, at the width a phone gets. */
export const DRAW_ONCE_FROM_PORTFOLIOS = 7;

/** The per-PM table's CSV: every row, largest gap first, as the page would show them all. */
export const PM_ALIGNMENT_CSV_ID = 'alignment-managers';

/** Small multiples in number: one drawing each that fits a phone, rather than a wide and a narrow one. */
export function portfolioDefsForPage(defs: ChartDef[]): { defs: ChartDef[]; drawnOnce: boolean } {
  if (defs.length < DRAW_ONCE_FROM_PORTFOLIOS) return { defs, drawnOnce: false };
  return { defs: defs.map((def) => ({ ...def, spec: narrowSpec(def.spec) ?? def.spec })), drawnOnce: true };
}

/** The per-PM table as the page shows it: the largest gaps, and how many rows the CSV adds. */
export function pmAlignmentForPage(alignment: AlignmentDoc, pmName: (id: string | null) => string): { table: ChartTable; left: number } | undefined {
  const table = pmAlignmentTable(alignment, pmName);
  if (!table || table.rows.length <= INLINE_ROWS_UP_TO) return table && { table, left: 0 };
  return { table: { ...table, rows: table.rows.slice(0, INLINE_ROWS_UP_TO) }, left: table.rows.length - INLINE_ROWS_UP_TO };
}
