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
