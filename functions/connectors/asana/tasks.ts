import type { Person, Task, TimeEntry } from '../../domain/index.ts';
import type { RecordBatch } from '../kit/connector.ts';
import type { PeopleLedger } from '../kit/people.ts';
import type { QuarantineBin } from '../kit/quarantine.ts';
import type { AsanaClient } from './client.ts';
import { mapAsanaPerson, mapAsanaTask, mapAsanaTimeEntry } from './map.ts';
import { AsanaTaskSchema, AsanaTimeEntrySchema, type AsanaTask } from './schema.ts';

/** One page of a project's tasks → one batch: tasks, their time entries, and the people they name. */

export interface TaskPageContext {
  source: string;
  client: AsanaClient;
  bin: QuarantineBin;
  people: PeopleLedger;
  /** Task gids already mapped in this sync: a task in two projects is read twice but kept once. */
  seenTasks: Set<string>;
}

export async function mapTaskPage(context: TaskPageContext, projectGid: string, rawTasks: readonly unknown[]): Promise<RecordBatch> {
  const { source, bin } = context;
  const pairs: Array<{ raw: AsanaTask; task: Task }> = [];
  for (const rawTask of rawTasks) {
    const pair = bin.map('task', AsanaTaskSchema, rawTask, (raw) => ({ raw, task: mapAsanaTask(source, raw, projectGid) }));
    if (!pair || context.seenTasks.has(pair.raw.gid)) continue;
    context.seenTasks.add(pair.raw.gid);
    pairs.push(pair);
  }
  const people: Array<Person | undefined> = pairs.map(({ raw }) => (raw.assignee ? mapAsanaPerson(source, raw.assignee) : undefined));
  // Only tasks with tracked time have entries: asking for the others would cost a request each for nothing.
  // The requests run side by side; the HTTP client bounds how many at once.
  const entryLists = await Promise.all(
    pairs.map(({ raw }) => ((raw.actual_time_minutes ?? 0) > 0 ? context.client.taskTimeEntries(raw.gid) : Promise.resolve([]))),
  );
  const timeEntries: TimeEntry[] = [];
  pairs.forEach(({ task }, index) => {
    for (const rawEntry of entryLists[index] ?? []) {
      const entry = bin.map('timeEntry', AsanaTimeEntrySchema, rawEntry, (parsed) => {
        people.push(mapAsanaPerson(source, parsed.created_by));
        return mapAsanaTimeEntry(source, parsed, { taskId: task.id, projectId: task.projectId });
      });
      if (entry) timeEntries.push(entry);
    }
  });
  return { people: context.people.admit(people), tasks: pairs.map(({ task }) => task), timeEntries, quarantined: bin.drain() };
}
