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

/** Rows with their header names as keys; a byte-order mark and blank lines are skipped. */
export async function* readCsvRows(path: string, delimiter: string): AsyncGenerator<CsvRow> {
  const parser = createReadStream(path).pipe(
    parse({ columns: true, bom: true, delimiter, skip_empty_lines: true, relax_column_count: true, trim: true, info: true }),
  );
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    yield { line: info.lines, record };
  }
}
