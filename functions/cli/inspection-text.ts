import type { InspectionCell, SourceInspection } from '../connectors/kit/inspection.ts';

/** A source inspection as text: the notes, then each section as a table with aligned columns. */
export function inspectionText(inspection: SourceInspection): string {
  const lines = [`${inspection.source} (${inspection.type})`, ...inspection.notes.map((note) => `  ${note}`)];
  for (const section of inspection.sections) {
    lines.push('', `${section.title} (${section.rows.length})`);
    const columns = [...new Set(section.rows.flatMap((row) => Object.keys(row)))];
    if (columns.length === 0) continue;
    const cells = section.rows.map((row) => columns.map((column) => cellText(row[column])));
    const widths = columns.map((column, i) => Math.max(column.length, ...cells.map((row) => (row[i] as string).length)));
    const line = (values: readonly string[]) => `  ${values.map((value, i) => value.padEnd(widths[i] as number)).join('  ')}`.trimEnd();
    lines.push(line(columns), ...cells.map(line));
  }
  return `${lines.join('\n')}\n`;
}

function cellText(value: InspectionCell | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : '';
  return String(value);
}
