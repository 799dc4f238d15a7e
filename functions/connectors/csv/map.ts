import { isoDateTime, recordId, type Person, type Project, type TimeEntry } from '../../domain/index.ts';
import type { CsvSourceConfig } from '../../config/index.ts';
import { parseDate, parseDuration, parseHours } from './parse.ts';
import type { CsvCells, Preset } from './schema.ts';

/**
 * One timesheet row (its cells already picked and checked) → a time entry, its person and its
 * project. Pure: no I/O, no clock. A row that cannot map throws; the connector quarantines it.
 */

export interface MappedRow {
  entry: TimeEntry;
  person: Person;
  /** Set when the project is this source's own (not mapped to another source's project). */
  project?: Project;
}

export interface RowContext {
  config: CsvSourceConfig;
  mapping: Preset;
  /** `config.projects` with lower-cased keys. */
  projectMap: ReadonlyMap<string, string>;
}

/** The row's id: file and line, so a file read again overwrites its own rows (csv/index.ts). */
export function rowId(file: string, line: number): string {
  return `${file}:${line}`;
}

export function mapRow(context: RowContext, cells: CsvCells, sourceId: string): MappedRow {
  const source = context.config.name;
  const date = parseDate(cells.date, context.mapping.dateFormat);
  if (!date) throw new Error(`date "${cells.date}" is not a date written as ${context.mapping.dateFormat}`);
  const hours = context.mapping.columns.hours !== undefined ? parseHours(cells.amount, context.config.hoursUnit) : parseDuration(cells.amount);
  if (hours === undefined) throw new Error(`cannot read "${cells.amount}" as ${context.mapping.columns.hours !== undefined ? context.config.hoursUnit : 'a duration'}`);
  const person = mapPerson(source, cells);
  const { projectId, project } = resolveProject(context, cells.project);
  const entry: TimeEntry = { id: recordId(source, sourceId), source, sourceId, projectId, personId: person.id, date, hours };
  const taskId = issueTaskId(context.config.issueKeys, cells.task);
  if (taskId !== undefined) entry.taskId = taskId;
  const startedAt = instantOf(cells.date);
  if (startedAt !== undefined) entry.startedAt = startedAt;
  return project ? { entry, person, project } : { entry, person };
}

/**
 * The task a row names by issue key (the first key written as a word of its own: `ENG-123`,
 * "ENG-123 Fix login", "Review (ENG-8)"), when `issueKeys` maps its prefix to the source that keys issues so.
 */
export function issueTaskId(issueKeys: Readonly<Record<string, string>> | undefined, task: string | undefined): string | undefined {
  if (!issueKeys || !task) return undefined;
  const match = /(?:^|[^A-Za-z0-9_])([A-Z][A-Z0-9_]{0,9})-(\d+)(?![A-Za-z0-9_])/.exec(task);
  const source = match ? issueKeys[match[1]!] : undefined;
  return source === undefined ? undefined : recordId(source, `${match![1]}-${match![2]}`);
}

/** People meet across sources by email; without one, by the name as the export writes it. */
function mapPerson(source: string, cells: CsvCells): Person {
  const email = [cells.email, cells.person].map((value) => value?.trim()).find((value) => value && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value));
  const sourceId = email ? email.toLowerCase() : cells.person.trim().toLowerCase().replace(/\s+/g, ' ');
  const person: Person = { id: recordId(source, sourceId), source, sourceId, name: cells.person.trim() };
  if (email) person.email = email.toLowerCase();
  return person;
}

/**
 * A project named in `projects` (by key or name, any case) is that other source's project. Any
 * other becomes a project of this source, named as written (`unknownProject: "create"`, the
 * default: hours are never dropped), or its row is quarantined (`"quarantine"`).
 */
function resolveProject(context: RowContext, written: string): { projectId: string; project?: Project } {
  const name = written.trim();
  const mapped = context.projectMap.get(name.toLowerCase());
  if (mapped) return { projectId: mapped };
  if (context.config.unknownProject === 'quarantine') throw new Error(`project "${name}" is not in the source's "projects" map`);
  const source = context.config.name;
  const sourceId = `project:${name.toLowerCase()}`;
  const project: Project = { id: recordId(source, sourceId), source, sourceId, name, tags: [] };
  if (/^[A-Z][A-Z0-9_]{1,9}$/.test(name)) project.key = name;
  return { projectId: project.id, project };
}

/**
 * A date cell written as an ISO date-time with an offset (`2026-03-17T21:15:00-04:00`) names an
 * instant: kept, so with kpi.timeZone the entry's day is taken in that zone. A plain date, or a
 * time without an offset (a wall-clock time in an unknown zone), stays the date it was written on.
 */
function instantOf(cell: string): string | undefined {
  const text = cell.trim().replace(' ', 'T');
  return /^\d{4}-\d{2}-\d{2}T/.test(text) && isoDateTime.safeParse(text).success && !Number.isNaN(Date.parse(text)) ? text : undefined;
}
