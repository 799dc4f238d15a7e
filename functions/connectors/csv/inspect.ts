import type { CsvSourceConfig } from '../../config/index.ts';
import type { SyncContext } from '../kit/connector.ts';
import type { InspectionRow, SourceInspection } from '../kit/inspection.ts';
import { listCsvFiles, readCsvRows } from './client.ts';
import { mapCsvRow, missingColumns } from './rows.ts';
import { resolveMapping, type ColumnMap } from './schema.ts';

/**
 * A timesheet export as pmpulse would read it: its files, the columns of the first one, which
 * column each field is read from (the preset's mapping with the config's overrides) and the first
 * rows parsed with it, or why each would be quarantined.
 */
const SAMPLE_ROWS = 5;

export async function inspectCsv(context: SyncContext<CsvSourceConfig>): Promise<SourceInspection> {
  const config = context.source;
  const files = await listCsvFiles(config.path);
  const notes: string[] = [];
  const sections = [{ name: 'files', title: 'Files', rows: files.map((file) => ({ file: file.key, bytes: file.size })) as InspectionRow[] }];
  const first = files[0];
  if (!first) return { source: config.name, type: 'csv', notes: [`no .csv file under ${config.path}`], sections };
  const sample: { line: number; record: Record<string, string> }[] = [];
  for await (const row of readCsvRows(first.path, config.delimiter)) {
    sample.push(row);
    if (sample.length >= SAMPLE_ROWS) break;
  }
  const header = sample[0] ? Object.keys(sample[0].record) : [];
  let mapping: ReturnType<typeof resolveMapping> | undefined;
  try {
    mapping = resolveMapping(config);
  } catch (error) {
    notes.push(error instanceof Error ? error.message : String(error));
  }
  const readAs = mapping ? fieldsByColumn(mapping.columns) : new Map<string, string>();
  sections.push({ name: 'columns', title: `Columns of ${first.key}`, rows: header.map((column) => ({ column, readAs: readAs.get(column) ?? null })) });
  if (!mapping) return { source: config.name, type: 'csv', notes, sections };
  notes.push(`preset: ${config.preset ?? '(none)'}; dates written as ${mapping.dateFormat}; ${mapping.columns.hours !== undefined ? `hours in ${config.hoursUnit}` : 'durations'}`);
  const missing = missingColumns(mapping.columns, header);
  if (missing.length) notes.push(`columns the mapping names but ${first.key} lacks: ${missing.join(', ')}`);
  sections.push({
    name: 'mapping', title: 'Mapping',
    rows: Object.entries(mapping.columns).map(([field, column]) => ({ field, column: Array.isArray(column) ? column.join(' + ') : column })),
  });
  const rowContext = { config, mapping, projectMap: new Map(Object.entries(config.projects).map(([k, v]) => [k.trim().toLowerCase(), v])), now: context.now };
  sections.push({
    name: 'rows', title: `First rows of ${first.key}, parsed`,
    rows: sample.map(({ line, record }) => {
      const outcome = mapCsvRow(rowContext, { file: first.key, line, record });
      if (!outcome.ok) return { line, date: null, person: null, hours: null, project: null, problem: outcome.entry.reason };
      const { entry, person } = outcome.value;
      return { line, date: entry.date, person: person.email ?? person.name, hours: Math.round(entry.hours * 100) / 100, project: entry.projectId, problem: null };
    }),
  });
  return { source: config.name, type: 'csv', notes, sections };
}

/** Column name → the field(s) read from it. */
function fieldsByColumn(columns: ColumnMap): Map<string, string> {
  const byColumn = new Map<string, string>();
  for (const [field, column] of Object.entries(columns)) {
    for (const name of Array.isArray(column) ? column : [column]) byColumn.set(name, byColumn.has(name) ? `${byColumn.get(name)}, ${field}` : field);
  }
  return byColumn;
}
