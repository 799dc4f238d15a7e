import type { Person, Task } from '../../domain/index.ts';
import { mapJiraPerson } from './map.ts';
import { JiraUserSchema, type JiraIssue } from './schema.ts';

/**
 * The custom fields a Jira source names in `fields` (by id or name, resolved through /field):
 * the PM user picker, the theme field and an estimate in hours, read from each issue.
 */

export interface JiraFieldIds {
  pm?: string | undefined;
  theme?: string | undefined;
  estimate?: string | undefined;
}

/** The field ids to ask the search for, besides the standard ones. */
export function jiraFieldIdsToRead(ids: JiraFieldIds): string[] {
  return [ids.pm, ids.theme, ids.estimate].filter((id): id is string => id !== undefined);
}

/**
 * Sets the task's PM field person, adds the theme field's values to its tags and takes the
 * estimate field's hours; returns the PM field's person so the people ledger knows their name.
 */
export function applyJiraFields(source: string, task: Task, issue: JiraIssue, ids: JiraFieldIds): Person | undefined {
  let person: Person | undefined;
  if (ids.pm) {
    const user = firstUser(issue.fields[ids.pm]);
    if (user) {
      person = mapJiraPerson(source, user);
      task.pmFieldId = person.id;
    }
  }
  if (ids.theme) {
    const words = fieldWords(issue.fields[ids.theme]).filter((word) => !task.tags.includes(word));
    if (words.length) task.tags = [...task.tags, ...words];
  }
  if (ids.estimate) {
    const hours = issue.fields[ids.estimate];
    if (typeof hours === 'number' && Number.isFinite(hours) && hours >= 0) task.estimateHours = hours;
  }
  return person;
}

/** A user picker holds `{accountId, displayName, ...}`; a multi-user picker a list of them (the first counts). */
function firstUser(value: unknown): ReturnType<typeof JiraUserSchema.parse> | undefined {
  const candidate = Array.isArray(value) ? value[0] : value;
  const parsed = JiraUserSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

/** Select options (`{value}`), multi-selects, text, labels and named objects, as plain words. */
function fieldWords(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  const words: string[] = [];
  for (const item of list) {
    const word = typeof item === 'string' ? item : typeof item === 'object' && item !== null ? wordOf(item as Record<string, unknown>) : undefined;
    if (word?.trim()) words.push(word.trim());
  }
  return words;
}

function wordOf(item: Record<string, unknown>): string | undefined {
  const word = item.value ?? item.name;
  return typeof word === 'string' ? word : undefined;
}
