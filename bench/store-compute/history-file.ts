import { readFile, writeFile } from 'node:fs/promises';
import { describeMachine } from '../lib/machine.ts';

/**
 * bench/results.json holds the last run only; the store-to-JSON figures are also appended here,
 * one entry per run and size, so the figures before and after a read-path change stay side by side.
 */
const file = new URL('./history.json', import.meta.url);

export async function recordHistory(result: unknown): Promise<void> {
  const history = await readFile(file, 'utf8').then((text) => JSON.parse(text) as unknown[], (): unknown[] => []);
  history.push({ at: new Date().toISOString(), machine: describeMachine(), result });
  await writeFile(file, `${JSON.stringify(history, null, 2)}\n`);
}

/** The figures of one earlier run, as kept in the history. */
export interface EarlierRun {
  at: string;
  layout: string;
  ms: number;
  cpuMs: number;
  rssMiB: number;
  writeMs?: number;
}

interface HistoryEntry {
  at: string;
  result: { size: { tasks: number }; layout?: string; ms: { median: number }; cpuMs: { median: number }; rssMiB: { median: number }; writeMs?: number };
}

/**
 * The latest earlier run of the same size in another layout (runs before packing carry no
 * layout: one item per record), so the report shows the figures before and after side by side.
 */
export async function earlierRun(tasks: number, layout: string): Promise<EarlierRun | undefined> {
  const history = await readFile(file, 'utf8').then((text) => JSON.parse(text) as HistoryEntry[], (): HistoryEntry[] => []);
  const found = history.filter((entry) => entry.result?.size?.tasks === tasks && (entry.result.layout ?? 'one item per record') !== layout).at(-1);
  if (!found) return undefined;
  const { result } = found;
  return { at: found.at, layout: result.layout ?? 'one item per record', ms: result.ms.median, cpuMs: result.cpuMs.median, rssMiB: result.rssMiB.median, ...(result.writeMs === undefined ? {} : { writeMs: result.writeMs }) };
}
