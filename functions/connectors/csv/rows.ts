import type { QuarantineEntry } from '../../domain/index.ts';
import { describeIssues } from '../kit/quarantine.ts';
import { mapRow, rowId, type MappedRow, type RowContext } from './map.ts';
import { CsvCellsSchema, type ColumnMap } from './schema.ts';

/**
 * One CSV row → a mapped row or a quarantine entry naming the file, the line and the reason.
 * The row's cells are picked by the column map, checked with zod, then mapped.
 */

export type RowOutcome = { ok: true; value: MappedRow } | { ok: false; entry: QuarantineEntry };

export interface RowInput {
  file: string;
  line: number;
  record: Record<string, string>;
}

export function mapCsvRow(context: RowContext & { now: () => Date }, input: RowInput): RowOutcome {
  const sourceId = rowId(input.file, input.line);
  const fail = (reason: string): RowOutcome => ({ ok: false, entry: quarantineRow(context, input, reason) });
  const parsed = CsvCellsSchema.safeParse(pickCells(context.mapping.columns, input.record));
  if (!parsed.success) return fail(describeIssues(parsed.error.issues));
  try {
    return { ok: true, value: mapRow(context, parsed.data, sourceId) };
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

export function quarantineRow(context: RowContext & { now: () => Date }, input: Omit<RowInput, 'record'> & { record: unknown }, reason: string): QuarantineEntry {
  return {
    source: context.config.name,
    kind: 'timeEntry',
    recordId: rowId(input.file, input.line),
    reason: `${input.file} line ${input.line}: ${reason}`,
    raw: input.record,
    at: context.now().toISOString(),
  };
}

/** The mapped columns a header lacks (optional ones included when named). */
export function missingColumns(columns: ColumnMap, header: readonly string[]): string[] {
  const have = new Set(header);
  return Object.values(columns).flatMap((column) => (Array.isArray(column) ? column : [column])).filter((name) => !have.has(name));
}

function pickCells(columns: ColumnMap, record: Record<string, string>): Record<string, string | undefined> {
  const cell = (column: string | string[] | undefined): string | undefined => {
    if (column === undefined) return undefined;
    const values = (Array.isArray(column) ? column : [column]).map((name) => record[name]?.trim() ?? '');
    const joined = values.filter(Boolean).join(' ');
    return joined === '' ? (values.every((value) => value === '') ? '' : undefined) : joined;
  };
  return {
    date: cell(columns.date),
    person: cell(columns.person),
    email: cell(columns.email) || undefined,
    amount: cell(columns.hours ?? columns.duration),
    project: cell(columns.project),
    task: cell(columns.task) || undefined,
  };
}
