// Child script: the same KPI aggregation in DuckDB, from the Parquet files written once per size.
// Load and query are timed apart: query alone is DuckDB at its best (data already in its tables),
// load + query is what it costs to start from the records.
// Usage: node bench/kpi/duckdb-child.ts --dir DIR
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { peakRssMiB, printResult } from '../lib/child.ts';
import { PERIOD_CHECK_SQL, PERIOD_QUERY } from './period-queries.ts';
import { CHECK_SQL, QUERY, loadStatements } from './queries.ts';

const { values } = parseArgs({ options: { dir: { type: 'string' } } });
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();

const started = performance.now();
for (const statement of loadStatements(values.dir!)) await connection.run(statement);
const loaded = performance.now();
// CPU time of the whole process, all DuckDB threads included: what the query cost in cores.
const cpu = process.cpuUsage();
await connection.run(QUERY.projectKpis);
// Read every result row into JS, as the engine hands back its documents.
let rows = 0;
for (const sql of [QUERY.projectRows, QUERY.managerKpis, QUERY.alignment]) rows += (await connection.runAndReadAll(sql)).getRows().length;
const windowDone = performance.now();
// The same figures for every month and quarter as well: the whole of what the engine computes.
for (const sql of PERIOD_QUERY.build) await connection.run(sql);
for (const sql of PERIOD_QUERY.read) rows += (await connection.runAndReadAll(sql)).getRows().length;
const queried = performance.now();
const used = process.cpuUsage(cpu);

const [check] = (await connection.runAndReadAll(CHECK_SQL)).getRowObjectsJS();
const [periodCheck] = (await connection.runAndReadAll(PERIOD_CHECK_SQL)).getRowObjectsJS();
const threads = (await connection.runAndReadAll("SELECT current_setting('threads')")).getRows()[0]?.[0];
connection.closeSync();
printResult({
  loadMs: Math.round(loaded - started),
  queryMs: Math.round(queried - loaded),
  windowQueryMs: Math.round(windowDone - loaded),
  queryCpuMs: Math.round((used.user + used.system) / 1000),
  rows,
  threads: Number(threads),
  rssMiB: peakRssMiB(),
  check: Object.fromEntries(Object.entries({ ...check, ...periodCheck }).map(([key, value]) => [key, Number(value)])),
});
