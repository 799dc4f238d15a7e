import { spawn, execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CsvSourceSchema } from '../../functions/config/index.ts';
import { csvConnector } from '../../functions/connectors/csv/index.ts';
import { maxRecordChars } from '../../functions/connectors/csv/client.ts';
import { drain } from './helpers/drain.ts';
import { fixedNow } from './fixtures.ts';
import { silentLog } from './helpers/local-server.ts';

const MiB = 1024 * 1024;
const header = 'Date,Person,Project,Hours\n';
const row = (day: number, person = 'Dana Dev') => `2026-03-${String(day).padStart(2, '0')},${person},Payments,1.5\n`;

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pmpulse-csv-inputs-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

function syncCsv(path: string, cursor?: string) {
  const source = CsvSourceSchema.parse({ type: 'csv', name: 'timesheets', path, columns: { date: 'Date', person: 'Person', project: 'Project', hours: 'Hours' } });
  return drain(csvConnector.read({ source, token: '', fetch, now: fixedNow, log: silentLog, ...(cursor ? { cursor } : {}) }));
}

/** A quote that never closes, `size` characters long: the shape that ate 332 MB. */
const unclosed = (size: number) => `2026-03-09,"${'x'.repeat(size)}`;

describe('the timesheet reader\'s cap on a record', () => {
  it('quarantines an over-long record naming the file and its line, and keeps every other row', async () => {
    const dir = await folder({
      'a.csv': header + row(2) + row(3) + unclosed(3 * MiB),
      'b.csv': header + row(4, 'Eli Eng') + row(5, 'Eli Eng'),
    });
    const result = await syncCsv(dir);
    expect(result.timeEntries.map((entry) => entry.sourceId).sort()).toEqual(['a.csv:2', 'a.csv:3', 'b.csv:2', 'b.csv:3']);
    expect(result.quarantined).toHaveLength(1);
    const entry = result.quarantined[0]!;
    expect(entry.recordId).toBe('a.csv:4');
    expect(entry.reason).toMatch(/^a\.csv line 4: cannot parse: the record starting here is longer than 1048576 characters \(an unclosed quote\?\)/);
    // The reason stays a reason: none of the record's megabytes are copied into it.
    expect(entry.reason.length).toBeLessThan(300);
    expect(entry.raw).toBeNull();
  });

  it('names line 1 when the header itself is the over-long record', async () => {
    const result = await syncCsv(await folder({ 'a.csv': `"${'x'.repeat(2 * MiB)}` }));
    expect(result.timeEntries).toEqual([]);
    expect(result.quarantined.map((entry) => entry.recordId)).toEqual(['a.csv:1']);
  });

  it('does not delete rows stored by an earlier sync that the failed read never reached', async () => {
    const dir = await folder({ 'a.csv': header + row(2) + row(3) + row(4) + row(5) });
    const first = await syncCsv(dir);
    expect(first.timeEntries).toHaveLength(4);
    // The export is replaced by one whose third row opens a quote that never closes.
    await writeFile(join(dir, 'a.csv'), header + row(2) + row(3) + unclosed(2 * MiB));
    const second = await syncCsv(dir, first.cursor);
    expect(second.timeEntries.map((entry) => entry.sourceId)).toEqual(['a.csv:2', 'a.csv:3']);
    expect(second.deletions.flatMap((deletion) => deletion.ids)).toEqual([]);
    expect(second.quarantined.map((entry) => entry.recordId)).toEqual(['a.csv:4']);
  });

  it('accepts a record just under the cap', async () => {
    const long = `2026-03-02,"${'y'.repeat(maxRecordChars - 100)}",Payments,1\n`;
    const result = await syncCsv(await folder({ 'a.csv': header + long + row(3) }));
    expect(result.quarantined).toEqual([]);
    expect(result.timeEntries).toHaveLength(2);
  });
});

const child = fileURLToPath(new URL('./helpers/csv-reader-child.ts', import.meta.url));

interface ChildReport {
  rows: number;
  error?: { name: string; message: string; lines?: number };
  rssBefore: number;
  maxRssBefore: number;
  maxRss: number;
}

/**
 * Streams a CSV whose second record is a 150 MB quote that never closes into a FIFO read by the
 * reader in a child process. Returns the bytes the child accepted before it closed the FIFO
 * (the rest of the writes fail with EPIPE) and the child's own memory report.
 */
async function streamIntoReader(dir: string, totalBytes: number, cap?: number): Promise<{ accepted: number; report: ChildReport }> {
  const fifo = join(dir, 'export.csv');
  execFileSync('mkfifo', [fifo]);
  const reader = spawn(process.execPath, [child, fifo, ...(cap === undefined ? [] : [String(cap)])], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  reader.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  reader.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => reader.on('close', () => resolve()));

  const out = createWriteStream(fifo);
  out.on('error', () => {}); // EPIPE once the reader has closed: each write's callback reports it
  const chunk = Buffer.alloc(MiB, 'x');
  let accepted = 0;
  const written = (data: Buffer | string) =>
    new Promise<boolean>((resolve) => out.write(data, (error) => {
      if (!error) accepted += Buffer.byteLength(data);
      resolve(!error);
    }));
  let open = await written(`${header}${row(2)}2026-03-09,"`);
  for (let sent = 0; open && sent < totalBytes; sent += chunk.length) open = await written(chunk);
  out.destroy();
  await exited;
  expect(stderr).toBe('');
  return { accepted, report: JSON.parse(stdout) as ChildReport };
}

describe('the timesheet reader on a 150 MB unclosed quote', () => {
  it('stops reading soon after the cap and stays within a few megabytes of memory', { timeout: 180_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pmpulse-csv-fifo-'));
    dirs.push(dir);
    const { accepted, report } = await streamIntoReader(dir, 150 * MiB);
    expect(report.error).toMatchObject({ name: 'CsvRecordTooLongError', lines: 3 });
    expect(report.rows).toBe(1);
    // What the reader took in: the cap, plus what the pipe, the file stream and the writer buffer.
    expect(accepted).toBeGreaterThan(maxRecordChars);
    expect(accepted).toBeLessThan(8 * MiB);
    // Peak resident memory over the read, against the 332 MB the uncapped reader needed.
    const growth = report.maxRss - Math.max(report.rssBefore, report.maxRssBefore);
    console.log(`csv reader: accepted ${(accepted / MiB).toFixed(1)} MiB of 150 MiB, peak RSS growth ${(growth / MiB).toFixed(1)} MiB`);
    expect(growth).toBeLessThan(48 * MiB);
  });
});
