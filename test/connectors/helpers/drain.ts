import type { Person, Project, QuarantineEntry, RecordKind, StatusChange, Task, TimeEntry } from '../../../functions/domain/index.ts';
import type { RecordBatch } from '../../../functions/connectors/kit/connector.ts';

/** Everything a sync yielded, flattened, plus the cursor it returned. */
export interface Drained {
  people: Person[];
  projects: Project[];
  tasks: Task[];
  timeEntries: TimeEntry[];
  statusChanges: StatusChange[];
  quarantined: QuarantineEntry[];
  deletions: { kind: RecordKind; ids: string[] }[];
  batches: number;
  cursor: string | undefined;
}

export async function drain(reader: AsyncGenerator<RecordBatch, string | undefined, void>): Promise<Drained> {
  const out: Drained = { people: [], projects: [], tasks: [], timeEntries: [], statusChanges: [], quarantined: [], deletions: [], batches: 0, cursor: undefined };
  for (;;) {
    const step = await reader.next();
    if (step.done) {
      out.cursor = step.value;
      return out;
    }
    out.batches += 1;
    out.people.push(...(step.value.people ?? []));
    out.projects.push(...(step.value.projects ?? []));
    out.tasks.push(...(step.value.tasks ?? []));
    out.timeEntries.push(...(step.value.timeEntries ?? []));
    out.statusChanges.push(...(step.value.statusChanges ?? []));
    out.quarantined.push(...(step.value.quarantined ?? []));
    out.deletions.push(...(step.value.deletions ?? []).filter((deletion) => deletion.ids.length > 0));
  }
}

/** People as the store would end up holding them: the last sighting of each id wins. */
export function latestPeople(people: readonly Person[]): Map<string, Person> {
  return new Map(people.map((person) => [person.id, person]));
}
