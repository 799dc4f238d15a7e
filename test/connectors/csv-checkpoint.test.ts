import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CsvSourceSchema } from '../../functions/config/index.ts';
import type { RecordBatch } from '../../functions/connectors/kit/connector.ts';
import { csvConnector } from '../../functions/connectors/csv/index.ts';
import { drain } from './helpers/drain.ts';
import { fixedNow } from './fixtures.ts';
import { silentLog } from './helpers/local-server.ts';

/**
 * A CSV read stopped after a checkpoint (as a sync stops at its deadline) goes on from it: the
 * rows of the two runs together are those of one whole read, none twice, and the cursor is the same.
 */
const header = 'Date,Client,Project,Project Code,Task,Notes,Hours,Hours Rounded,Billable?,Invoiced?,Approved?,First Name,Last Name,Roles,Employee?,Billable Rate,Billable Amount,Cost Rate,Cost Amount,Currency,External Reference URL';
const row = (n: number) => `2026-03-${String(1 + (n % 28)).padStart(2, '0')},Northwind Labs,Payments Platform,PAY,Development,row ${n},${(n % 8) + 0.5},1,Yes,No,Yes,Dana,Dev,Engineer,Yes,1,1,1,1,EUR,`;

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function folder(files: Record<string, number>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pmpulse-csv-checkpoint-'));
  dirs.push(dir);
  for (const [name, rows] of Object.entries(files)) await writeFile(join(dir, name), [header, ...Array.from({ length: rows }, (_, n) => row(n))].join('\n'));
  return dir;
}

const sourceOf = (path: string) => CsvSourceSchema.parse({ type: 'csv', name: 'timesheets', path, preset: 'harvest' });

/** Reads until `stopAfter` checkpoints were yielded, as a run that stops at its deadline; returns its batches and last checkpoint. */
async function readUntil(path: string, stopAfter: number, checkpoint?: string) {
  const reader = csvConnector.read({ source: sourceOf(path), token: '', fetch, now: fixedNow, log: silentLog, ...(checkpoint ? { checkpoint } : {}) });
  const batches: RecordBatch[] = [];
  let last: string | undefined;
  for (let step = await reader.next(); !step.done; step = await reader.next()) {
    batches.push(step.value);
    if (step.value.checkpoint === undefined) continue;
    last = step.value.checkpoint;
    if (batches.filter((batch) => batch.checkpoint !== undefined).length >= stopAfter) {
      await reader.return(undefined);
      return { batches, checkpoint: last };
    }
  }
  throw new Error('the read ended before it was stopped');
}

const entryIds = (batches: readonly RecordBatch[]) => batches.flatMap((batch) => (batch.timeEntries ?? []).map((entry) => entry.id));

describe('csvConnector checkpoints', () => {
  it('goes on mid-file and past finished files: every row once, and the cursor of one whole read', async () => {
    const path = await folder({ 'a.csv': 1200, 'b.csv': 700 });
    const whole = await drain(csvConnector.read({ source: sourceOf(path), token: '', fetch, now: fixedNow, log: silentLog }));

    // Stop inside a.csv (after 500 rows), then inside b.csv, then finish.
    const first = await readUntil(path, 1);
    const second = await readUntil(path, 3, first.checkpoint);
    const rest = await drain(csvConnector.read({ source: sourceOf(path), token: '', fetch, now: fixedNow, log: silentLog, checkpoint: second.checkpoint }));

    const ids = [...entryIds(first.batches), ...entryIds(second.batches), ...rest.timeEntries.map((entry) => entry.id)];
    expect(whole.timeEntries).toHaveLength(1900);
    expect(ids).toHaveLength(1900);
    expect(new Set(ids)).toEqual(new Set(whole.timeEntries.map((entry) => entry.id)));
    expect(rest.cursor).toBe(whole.cursor);
  });

  it('reads a part-read file again whole when it changed, deleting the rows it no longer has', async () => {
    const path = await folder({ 'a.csv': 1200 });
    const first = await readUntil(path, 2);
    // The export is cut to 600 rows before the next run: rows 601..1000 stored by the first run are gone.
    await writeFile(join(path, 'a.csv'), [header, ...Array.from({ length: 600 }, (_, n) => row(n))].join('\n'));
    await utimes(join(path, 'a.csv'), new Date('2026-04-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'));

    const rest = await drain(csvConnector.read({ source: sourceOf(path), token: '', fetch, now: fixedNow, log: silentLog, checkpoint: first.checkpoint }));

    expect(entryIds(first.batches)).toHaveLength(1000);
    expect(rest.timeEntries).toHaveLength(600);
    // Line n+1 holds row n (line 1 is the header): lines 602..1001 went.
    const gone = rest.deletions.flatMap((deletion) => deletion.ids);
    expect(gone).toHaveLength(400);
    expect(gone).toContain('timesheets:a.csv:602');
    expect(gone).toContain('timesheets:a.csv:1001');
  });
});
