import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openStore } from '../../functions/store/index.ts';
import { entryPages, sizeFor, syntheticPeople, syntheticProjects, taskPages } from '../kpi/synthetic.ts';
import { changeCount, statusChangePages } from './status-changes.ts';

/**
 * An embedded store holding the synthetic company of one size (people, projects, tasks, five time
 * entries per task, 1.4 status changes per task), written through DynamoStore.putRecords as a sync
 * would. Writing millions of items takes long, so a store once written is kept under `dir` and
 * reused while its size matches (a `filled.json` written last says it is complete).
 */
export interface FilledStore {
  dir: string;
  tasks: number;
  entries: number;
  statusChanges: number;
  /** Time to write it, or undefined when an earlier run's store was reused. */
  writeMs?: number;
}

export async function fillStore(dir: string, tasks: number, seed = 42, progress: (message: string) => void = () => {}): Promise<FilledStore> {
  const size = sizeFor(tasks);
  // The layout is part of what a kept store must match: a store written one item per record
  // (before packing) would still be read, but through the slow path, so it is written again.
  const expected = { tasks, entries: size.entries, statusChanges: changeCount(size), seed, layout: 'packed' };
  const marker = join(dir, 'filled.json');
  const found = await readFile(marker, 'utf8').then((text) => JSON.parse(text) as typeof expected, () => undefined);
  if (found && JSON.stringify(found) === JSON.stringify(expected)) return { dir, ...expected };
  await rm(dir, { recursive: true, force: true });
  const started = performance.now();
  const store = await openStore({ type: 'embedded', dir: join(dir, 'db'), table: 'pmpulse' }, { writeConcurrency: 16 });
  try {
    await store.putRecords('person', syntheticPeople(size));
    await store.putRecords('project', syntheticProjects(size));
    let written = 0;
    const report = (kind: string, n: number) => {
      written += n;
      if (written % 200_000 < n) progress(`store for ${tasks} tasks: ${written.toLocaleString('en')} records written (${kind})`);
    };
    for (const page of taskPages(size, seed)) await store.putRecords('task', page).then(() => report('tasks', page.length));
    for (const page of statusChangePages(size, seed)) await store.putRecords('statusChange', page).then(() => report('status changes', page.length));
    for (const page of entryPages(size, seed)) await store.putRecords('timeEntry', page).then(() => report('time entries', page.length));
  } finally {
    await store.close();
  }
  const writeMs = performance.now() - started;
  await writeFile(marker, `${JSON.stringify(expected)}\n`);
  return { dir, ...expected, writeMs };
}
