/**
 * Reads one CSV file (a FIFO the test writes into) with the timesheet reader in a process of its
 * own, and prints how its memory grew: `node csv-reader-child.ts PATH [MAX_RECORD_CHARS]`
 * (0 = no cap). One JSON line on stdout: rows read, the error, resident set sizes in bytes.
 */
import { readCsvRows } from '../../../functions/connectors/csv/client.ts';

const [path, cap] = process.argv.slice(2);
const rssBefore = process.memoryUsage().rss;
const maxRssBefore = process.resourceUsage().maxRSS * 1024;
let rows = 0;
let error: { name: string; message: string; lines?: number } | undefined;
try {
  for await (const row of readCsvRows(path!, ',', cap === undefined ? undefined : Number(cap))) rows += row.line > 0 ? 1 : 0;
} catch (caught) {
  const failure = caught as Error & { lines?: number };
  error = { name: failure.name, message: failure.message, ...(failure.lines === undefined ? {} : { lines: failure.lines }) };
}
const maxRss = process.resourceUsage().maxRSS * 1024;
process.stdout.write(`${JSON.stringify({ rows, error, rssBefore, maxRssBefore, maxRss })}\n`);
// A read still pending on the FIFO must not keep the process alive.
process.exit(0);
