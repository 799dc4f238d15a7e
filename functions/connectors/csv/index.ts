import type { CsvSourceConfig } from '../../config/index.ts';
import { recordId, type Project } from '../../domain/index.ts';
import type { Connector, RecordBatch, SyncContext } from '../kit/connector.ts';
import { decodeIdSet, encodeIdSet } from '../kit/id-set.ts';
import { createPeopleLedger, type PeopleLedger } from '../kit/people.ts';
import { decodeState, encodeState } from '../kit/sync-state.ts';
import { decodeCheckpoint, withCheckpoint } from '../kit/checkpoint.ts';
import { CsvCheckpointSchema, type CsvCheckpoint } from './checkpoint.ts';
import { listCsvFiles, readCsvRows, type CsvFile } from './client.ts';
import { rowId, type RowContext } from './map.ts';
import { mapCsvRow, missingColumns, quarantineRow } from './rows.ts';
import { CsvStateSchema, resolveMapping, type CsvState } from './schema.ts';

/**
 * Timesheet exports (Harvest, Toggl, Clockify, Tempo or any CSV with a column map) → time entries.
 * The cursor lists the files read with their size and modification time: an unchanged file is
 * skipped, a changed one read again whole (its rows keep their file:line ids, lines that no longer
 * map are deleted), a vanished one has all its rows deleted. Each batch carries a checkpoint
 * (checkpoint.ts): a resumed read skips the files it finished and the lines it stored.
 */
export const csvConnector = {
  type: 'csv',
  async *read(context: SyncContext<CsvSourceConfig>): AsyncGenerator<RecordBatch, string | undefined, void> {
    const config = context.source;
    const rows: FileContext = {
      config,
      mapping: resolveMapping(config),
      projectMap: new Map(Object.entries(config.projects).map(([name, id]) => [name.trim().toLowerCase(), id])),
      now: context.now,
      people: createPeopleLedger(),
      projects: new Set<string>(),
    };
    const state = decodeState(CsvStateSchema, context.cursor, context.log, config.name);
    const resume = decodeCheckpoint(CsvCheckpointSchema, context);
    const next: CsvState = { v: 1, files: { ...resume?.done } };
    for (const file of await listCsvFiles(config.path)) {
      if (resume?.done[file.key]) continue;
      const before = state?.files[file.key];
      const backfill = context.since !== undefined && file.mtimeMs >= context.since.getTime();
      if (before && before.size === file.size && before.mtimeMs === file.mtimeMs && !backfill) {
        next.files[file.key] = before;
        continue;
      }
      const started = resume?.file?.key === file.key ? resume.file : undefined;
      const partial = started && started.size === file.size && started.mtimeMs === file.mtimeMs ? started : undefined;
      const linesBefore = before ? decodeIdSet(before.lines) : new Set<string>();
      // Changed since a run stored part of it: what that run stored and no line maps to now goes too.
      if (started && !partial) for (const line of decodeIdSet(started.lines)) linesBefore.add(line);
      const lines = yield* readFile(rows, file, linesBefore, next, partial);
      next.files[file.key] = { size: file.size, mtimeMs: file.mtimeMs, lines: encodeIdSet(lines) };
    }
    for (const [key, gone] of Object.entries(state?.files ?? {})) {
      if (!next.files[key]) yield deletionsOf(config.name, key, decodeIdSet(gone.lines));
    }
    return encodeState(next);
  },
} satisfies Connector<CsvSourceConfig>;

interface FileContext extends RowContext {
  now: () => Date;
  people: PeopleLedger;
  /** Project ids of this source already yielded in this sync. */
  projects: Set<string>;
}

/** Rows are handed on in batches of this many, so a large export streams through the store. */
const batchRows = 500;

/**
 * Yields the file's rows in batches, each with a checkpoint (`done`: the files finished before);
 * from after `partial.line` when a checkpoint left the file part-read; returns the lines that mapped.
 */
async function* readFile(context: FileContext, file: CsvFile, linesBefore: ReadonlySet<string>, done: CsvState, partial?: NonNullable<CsvCheckpoint['file']>): AsyncGenerator<RecordBatch, Set<string>, void> {
  const mapped = partial ? decodeIdSet(partial.lines) : new Set<string>();
  let batch = emptyBatch();
  let checked = partial !== undefined;
  let line = partial?.line ?? 0;
  let failedAt: number | undefined;
  const position = (): CsvCheckpoint => ({ v: 1, done: { ...done.files }, file: { key: file.key, size: file.size, mtimeMs: file.mtimeMs, line, lines: encodeIdSet(mapped) } });
  try {
    for await (const row of readCsvRows(file.path, context.config.delimiter)) {
      if (row.line <= (partial?.line ?? 0)) continue;
      if (!checked) {
        checked = true;
        const missing = missingColumns(context.mapping.columns, Object.keys(row.record));
        if (missing.length) {
          batch.quarantined!.push(quarantineRow(context, { file: file.key, line: 1, record: Object.keys(row.record) }, `missing column ${missing.map((name) => `"${name}"`).join(', ')}`));
          break;
        }
      }
      addRow(context, batch, mapped, file.key, row);
      line = row.line;
      if (batch.timeEntries!.length + batch.quarantined!.length >= batchRows) {
        yield withCheckpoint(batch, position());
        batch = emptyBatch();
      }
    }
  } catch (error) {
    // A broken quote or the like ends the file's parse; rows before it stand, the rest waits for a fixed file.
    const line = (error as { lines?: number }).lines ?? 0;
    failedAt = line;
    batch.quarantined!.push(quarantineRow(context, { file: file.key, line, record: null }, `cannot parse: ${error instanceof Error ? error.message : String(error)}`));
  }
  // Rows a failed parse never reached are unread, not gone: they keep their stored entries.
  for (const line of linesBefore) if (failedAt !== undefined && Number(line) >= failedAt) mapped.add(line);
  const stale = [...linesBefore].filter((line) => !mapped.has(line));
  if (stale.length) batch.deletions = deletionsOf(context.config.name, file.key, stale).deletions!;
  const finished: CsvCheckpoint = { v: 1, done: { ...done.files, [file.key]: { size: file.size, mtimeMs: file.mtimeMs, lines: encodeIdSet(mapped) } } };
  yield withCheckpoint(batch, finished);
  return mapped;
}

function addRow(context: FileContext, batch: RecordBatch, mapped: Set<string>, file: string, row: { line: number; record: Record<string, string> }): void {
  const outcome = mapCsvRow(context, { file, line: row.line, record: row.record });
  if (!outcome.ok) {
    batch.quarantined!.push(outcome.entry);
    return;
  }
  const { entry, person, project } = outcome.value;
  mapped.add(String(row.line));
  batch.timeEntries!.push(entry);
  batch.people!.push(...context.people.admit([person]));
  if (project && !context.projects.has(project.id)) {
    context.projects.add(project.id);
    batch.projects!.push(project);
  }
}

function emptyBatch(): RecordBatch & { projects: Project[] } {
  return { people: [], projects: [], timeEntries: [], quarantined: [] };
}

function deletionsOf(source: string, file: string, lines: Iterable<string>): RecordBatch {
  return { deletions: [{ kind: 'timeEntry', ids: [...lines].map((line) => recordId(source, rowId(file, Number(line)))) }] };
}

export { listCsvFiles, readCsvRows } from './client.ts';
export { mapRow } from './map.ts';
export { parseDate, parseDuration, parseHours } from './parse.ts';
export { presets, resolveMapping } from './schema.ts';
