import type { Person, Task, TimeEntry } from '../../domain/index.ts';
import type { RecordBatch } from '../kit/connector.ts';
import type { PeopleLedger } from '../kit/people.ts';
import type { QuarantineBin } from '../kit/quarantine.ts';
import type { AsanaClient } from './client.ts';
import type { AsanaFieldRefs } from './custom-fields.ts';
import type { TimeTrackingGate } from './time-tracking.ts';
import { mapAsanaPerson, mapAsanaTask, mapAsanaTimeEntry } from './map.ts';
import { AsanaTaskSchema, AsanaTimeEntrySchema, type AsanaTask } from './schema.ts';
import { readDueChanges } from './stories.ts';

/**
 * One page of a project's tasks → one batch: the tasks and their subtasks (any depth), their time
 * entries, and the people they name. Project listings leave subtasks out, so they are read from
 * each task that has some; a subtask belongs to its top task's project.
 */

export interface TaskPageContext {
  source: string;
  client: AsanaClient;
  bin: QuarantineBin;
  people: PeopleLedger;
  /** The custom fields the source names (`sources[].fields`). */
  fieldRefs?: AsanaFieldRefs;
  /** Task gids already mapped in this sync: a task in two projects is read twice but kept once. */
  seenTasks: Set<string>;
  /** Every task gid listed in this sync, valid or quarantined: the listing deletions are judged by. */
  listed: Set<string>;
  timeTracking: TimeTrackingGate;
  /** Whether to read dated tasks' stories for their due-date history (`dueDateHistory`, default true). */
  dueDateHistory?: boolean;
}

type Pair = { raw: AsanaTask; task: Task };

/** Subtasks nested deeper than this are not followed (Asana allows 5 levels in its UI). */
const maxDepth = 5;

export async function mapTaskPage(context: TaskPageContext, projectGid: string, rawTasks: readonly unknown[]): Promise<RecordBatch> {
  const pairs: Pair[] = [];
  let level = mapLevel(context, projectGid, rawTasks);
  for (let depth = 0; level.length > 0; depth += 1) {
    pairs.push(...level);
    if (depth >= maxDepth) break;
    // Subtasks of the whole level are read side by side; the HTTP client bounds how many at once.
    const parents = level.filter(({ raw }) => (raw.num_subtasks ?? 0) > 0);
    const children = await Promise.all(parents.map(({ raw }) => context.client.subtasks(raw.gid)));
    level = mapLevel(context, projectGid, children.flat());
  }
  const people: Array<Person | undefined> = pairs.map(({ raw }) => (raw.assignee ? mapAsanaPerson(context.source, raw.assignee) : undefined));
  const [timeEntries] = await Promise.all([readTimeEntries(context, pairs, people), context.dueDateHistory === false ? undefined : readDueChanges(context.client, pairs.map(({ task }) => task))]);
  return { people: context.people.admit(people), tasks: pairs.map(({ task }) => task), timeEntries, quarantined: context.bin.drain() };
}

function mapLevel(context: TaskPageContext, projectGid: string, rawTasks: readonly unknown[]): Pair[] {
  const pairs: Pair[] = [];
  for (const rawTask of rawTasks) {
    const gid = (rawTask as { gid?: unknown } | null)?.gid;
    if (typeof gid === 'string') context.listed.add(gid);
    const pair = context.bin.map('task', AsanaTaskSchema, rawTask, (raw) => ({ raw, task: mapAsanaTask(context.source, raw, projectGid, context.fieldRefs) }));
    if (!pair || context.seenTasks.has(pair.raw.gid)) continue;
    context.seenTasks.add(pair.raw.gid);
    pairs.push(pair);
  }
  return pairs;
}

async function readTimeEntries(context: TaskPageContext, pairs: readonly Pair[], people: Array<Person | undefined>): Promise<TimeEntry[]> {
  // Only tasks with tracked time have entries: asking for the others would cost a request each for nothing.
  const entryLists = await Promise.all(
    pairs.map(({ raw }) => ((raw.actual_time_minutes ?? 0) > 0 ? context.timeTracking.entries(raw.gid) : Promise.resolve([]))),
  );
  const timeEntries: TimeEntry[] = [];
  pairs.forEach(({ task }, index) => {
    for (const rawEntry of entryLists[index] ?? []) {
      const entry = context.bin.map('timeEntry', AsanaTimeEntrySchema, rawEntry, (parsed) => {
        people.push(mapAsanaPerson(context.source, parsed.created_by));
        return mapAsanaTimeEntry(context.source, parsed, { taskId: task.id, projectId: task.projectId });
      });
      if (entry) timeEntries.push(entry);
    }
  });
  return timeEntries;
}
