import * as z from 'zod';
import type { CsvSourceConfig } from '../../config/index.ts';

/**
 * The timesheet exports pmpulse knows by name, and the zod schema a row passes before it maps.
 * Column names are those each vendor writes in its CSV export; a source's `columns` override them.
 */

type Column = string | string[];
export interface ColumnMap {
  date: Column;
  person: Column;
  email?: Column;
  hours?: Column;
  duration?: Column;
  project: Column;
  task?: Column;
}

export interface Preset {
  columns: ColumnMap;
  dateFormat: string;
}

export const presets: Record<NonNullable<CsvSourceConfig['preset']>, Preset> = {
  // Harvest "Detailed time report": one row per entry, hours as a decimal, the person in two columns.
  harvest: { columns: { date: 'Date', person: ['First Name', 'Last Name'], hours: 'Hours', project: 'Project', task: 'Task' }, dateFormat: 'YYYY-MM-DD' },
  // Toggl Track "Detailed report": duration as hh:mm:ss.
  toggl: { columns: { date: 'Start date', person: 'User', email: 'Email', duration: 'Duration', project: 'Project', task: 'Task' }, dateFormat: 'YYYY-MM-DD' },
  // Clockify "Detailed report": US dates by default, duration as hh:mm:ss.
  clockify: { columns: { date: 'Start Date', person: 'User', email: 'Email', duration: 'Duration (h)', project: 'Project', task: 'Task' }, dateFormat: 'MM/DD/YYYY' },
  // Tempo Timesheets worklog export: the Jira project key and issue key, `Work date` with a time.
  tempo: { columns: { date: 'Work date', person: 'Full name', hours: 'Hours', project: 'Project Key', task: 'Issue Key' }, dateFormat: 'YYYY-MM-DD' },
};

/** The mapping a source reads with: its preset, overridden column by column. */
export function resolveMapping(config: CsvSourceConfig): Preset {
  const preset = config.preset ? presets[config.preset] : undefined;
  const columns = { ...preset?.columns, ...stripUndefined(config.columns) } as Partial<ColumnMap>;
  const missing = (['date', 'person', 'project'] as const).filter((key) => columns[key] === undefined);
  if (!columns.hours && !columns.duration) missing.push('hours | duration' as never);
  if (missing.length) throw new Error(`csv source "${config.name}": columns ${missing.join(', ')} are needed (set them or a preset)`);
  return { columns: columns as ColumnMap, dateFormat: config.dateFormat ?? preset?.dateFormat ?? 'YYYY-MM-DD' };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The cells of one row, picked by the column map (several columns joined by a space). */
export const CsvCellsSchema = z.object({
  date: z.string().min(1, 'date is empty'),
  person: z.string().min(1, 'person is empty'),
  email: z.string().optional(),
  amount: z.string().min(1, 'hours/duration is empty'),
  project: z.string().min(1, 'project is empty'),
  task: z.string().optional(),
});
export type CsvCells = z.output<typeof CsvCellsSchema>;

/** What the cursor remembers of each file: changed size or time means "read it again". */
export const CsvStateSchema = z.object({
  v: z.literal(1),
  files: z.record(z.string(), z.object({ size: z.number(), mtimeMs: z.number(), lines: z.string() })),
});
export type CsvState = z.output<typeof CsvStateSchema>;
