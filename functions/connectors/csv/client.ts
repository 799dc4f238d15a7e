import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { parse } from 'csv-parse';

/**
 * The files of a CSV source and their rows, streamed: a timesheet export of any size is read
 * without holding it in memory. Each row comes with the line it ends on, for quarantine reasons.
 */

export interface CsvFile {
  /** Path relative to the configured folder (the file name for a single file): the row ids' prefix. */
  key: string;
  path: string;
  size: number;
  mtimeMs: number;
}

export interface CsvRow {
  line: number;
  record: Record<string, string>;
}

/** The `.csv` files of `path` (a file, or a folder read recursively), in name order. */
export async function listCsvFiles(path: string): Promise<CsvFile[]> {
  const info = await stat(path);
  if (info.isFile()) return [{ key: basename(path), path, size: info.size, mtimeMs: info.mtimeMs }];
  const names = (await readdir(path, { recursive: true })).filter((name) => name.toLowerCase().endsWith('.csv')).sort();
  const files: CsvFile[] = [];
  for (const name of names) {
    const full = join(path, name);
    const fileInfo = await stat(full);
    if (fileInfo.isFile()) files.push({ key: relative(path, full).split('\\').join('/'), path: full, size: fileInfo.size, mtimeMs: fileInfo.mtimeMs });
  }
  return files;
}

/**
 * A timesheet row is a few hundred characters. A record longer than this is an unclosed quote
 * swallowing the rest of the file (or no timesheet at all); without a cap the parser held the
 * whole field in memory (a 150 MB unclosed quote took 332 MB). Past the cap the file fails.
 */
export const maxRecordChars = 1024 * 1024;

/** A record past `maxRecordChars`; `lines` is the line it starts on (what the quarantine entry names). */
export class CsvRecordTooLongError extends Error {
  override name = 'CsvRecordTooLongError';
  readonly lines: number;
  constructor(line: number, limit: number, cause: unknown) {
    super(`the record starting here is longer than ${limit} characters (an unclosed quote?); the file is read no further, the rows before it are kept`, { cause });
    this.lines = line;
  }
}

/** Rows with their header names as keys; a byte-order mark and blank lines are skipped. */
export async function* readCsvRows(path: string, delimiter: string, maxRecord = maxRecordChars): AsyncGenerator<CsvRow> {
  const file = createReadStream(path);
  const parser = file.pipe(
    parse({ columns: true, bom: true, delimiter, skip_empty_lines: true, relax_column_count: true, trim: true, info: true, max_record_size: maxRecord }),
  );
  let lastLine: number | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      lastLine = info.lines;
      yield { line: info.lines, record };
    }
  } catch (error) {
    if ((error as { code?: string }).code !== 'CSV_MAX_RECORD_SIZE') throw error;
    // The header is record one; once read, the long record starts after the last row (or the header).
    const headerRead = Array.isArray(parser.options.columns);
    throw new CsvRecordTooLongError(headerRead ? (lastLine ?? 1) + 1 : 1, maxRecord, error);
  } finally {
    // pipe() leaves the file open when the parser fails; closing it stops the reading there.
    file.destroy();
    parser.destroy();
  }
}
