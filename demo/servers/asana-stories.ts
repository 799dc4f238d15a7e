import type { DemoPerson, DemoReplan, DemoTask } from '../generator/index.ts';
import type { Json } from './asana-fields.ts';
import type { AsanaCatalog } from './asana-records.ts';
import { asanaTime, userRecord } from './asana-records.ts';

/**
 * `GET /tasks/{gid}/stories`: the task's history as Asana keeps it. The task's creation is a system
 * story (`added_to_project`), each due-date change a `due_date_changed` story with the dates before
 * and after in `old_dates` and `new_dates` (StoryResponseDates: `start_on`, `due_at`, `due_on`).
 * Estimate changes are custom-field stories in Asana, which the demo does not serve.
 */
export function taskStories(catalog: AsanaCatalog, task: DemoTask): Json[] {
  const creator = catalog.people.get(task.reporterId) as DemoPerson;
  const created: Json = {
    gid: `${task.sourceId}0`, resource_type: 'story', created_at: asanaTime(task.createdAt), created_by: compactUser(creator),
    resource_subtype: 'added_to_project', type: 'system', text: 'added to project',
  };
  const moves = (task.replans ?? []).filter((replan) => replan.due !== undefined).map((replan) => dueStory(catalog, replan));
  return [created, ...moves];
}

function dueStory(catalog: AsanaCatalog, replan: DemoReplan): Json {
  const due = replan.due as NonNullable<DemoReplan['due']>;
  // The document declares the dates object never null: a date set for the first time has nulls inside (the connector reads both).
  const dates = (day: string | null): Json => ({ start_on: null, due_at: null, due_on: day });
  return {
    gid: replan.gid, resource_type: 'story', created_at: asanaTime(replan.at),
    created_by: compactUser(catalog.people.get(replan.authorId) as DemoPerson),
    resource_subtype: 'due_date_changed', type: 'system',
    text: due.to === null ? 'removed the due date' : `changed the due date to ${due.to}`,
    old_dates: dates(due.from), new_dates: dates(due.to),
  };
}

function compactUser(person: DemoPerson): Json {
  const user = userRecord(person) as Record<string, Json>;
  return { gid: user['gid'] ?? null, resource_type: 'user', name: user['name'] ?? null };
}

/** The compact story of a list without `opt_fields` (StoryCompact). */
export function compactStory(record: Json): Json {
  const story = record as Record<string, Json>;
  const keep = ['gid', 'resource_type', 'created_at', 'created_by', 'resource_subtype', 'text'];
  return Object.fromEntries(keep.map((key) => [key, story[key] ?? null]));
}
