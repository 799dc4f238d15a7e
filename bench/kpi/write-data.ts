// Child script: writes the synthetic records of one size once, as the Parquet files DuckDB loads.
// Usage: node bench/kpi/write-data.ts --tasks N --seed S --dir DIR
import { open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { printResult } from '../lib/child.ts';
import { entryPages, sizeFor, syntheticProjects, syntheticThemes, taskPages } from './synthetic.ts';
import { TABLE_COLUMNS } from './queries.ts';

const { values } = parseArgs({ options: { tasks: { type: 'string' }, seed: { type: 'string' }, dir: { type: 'string' } } });
const size = sizeFor(Number(values.tasks));
const seed = Number(values.seed);
const dir = values.dir!;
const themeTags = new Set(syntheticThemes().flatMap((theme) => theme.match.tags));

async function writeCsv(name: string, header: string, rows: Iterable<string[]>): Promise<string> {
  const path = join(dir, `${name}.csv`);
  const file = await open(path, 'w');
  try {
    await file.write(`${header}\n`);
    for (const lines of rows) await file.write(`${lines.join('\n')}\n`);
  } finally {
    await file.close();
  }
  return path;
}

function* taskRows(): Generator<string[]> {
  for (const page of taskPages(size, seed)) {
    yield page.map((t) => [t.id, t.projectId, t.status, t.status === 'done' && t.doneAt ? t.doneAt.slice(0, 10) : '',
      t.dueOn ?? '', t.estimateHours ?? '', t.tags.find((tag) => themeTags.has(tag)) ?? '',
      Date.parse(t.createdAt), t.status === 'done' && t.doneAt ? Date.parse(t.doneAt) : ''].join(','));
  }
}

function* entryRows(): Generator<string[]> {
  for (const page of entryPages(size, seed)) yield page.map((e) => [e.id, e.taskId, e.projectId, e.personId, e.date, e.hours].join(','));
}

const projectRows = () => [syntheticProjects(size).map((p) => [p.id, p.pmId, p.portfolio].join(','))];

/** CSV is what the records are written as once; Parquet is what a DuckDB user would keep and load. */
async function toParquet(csv: Record<string, string>): Promise<void> {
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  for (const [name, path] of Object.entries(csv)) {
    const columns = `{${Object.entries(TABLE_COLUMNS[name as keyof typeof TABLE_COLUMNS]).map(([c, t]) => `'${c}': '${t}'`).join(', ')}}`;
    await connection.run(`COPY (SELECT * FROM read_csv('${path}', header = true, columns = ${columns})) TO '${join(dir, `${name}.parquet`)}' (FORMAT parquet)`);
    await rm(path);
  }
  connection.closeSync();
}

const started = performance.now();
const csv = {
  tasks: await writeCsv('tasks', Object.keys(TABLE_COLUMNS.tasks).join(','), taskRows()),
  entries: await writeCsv('entries', Object.keys(TABLE_COLUMNS.entries).join(','), entryRows()),
  projects: await writeCsv('projects', Object.keys(TABLE_COLUMNS.projects).join(','), projectRows()),
};
await toParquet(csv);
const bytes = (await Promise.all(Object.keys(csv).map((name) => stat(join(dir, `${name}.parquet`))))).reduce((sum, s) => sum + s.size, 0);
printResult({ ms: Math.round(performance.now() - started), parquetBytes: bytes, size });
