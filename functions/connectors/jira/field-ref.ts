import type { JiraSourceConfig } from '../../config/index.ts';
import { resolveFieldRef, type FieldInfo } from '../kit/field-ref.ts';
import type { JiraFieldIds } from './custom-fields.ts';

/**
 * Jira fields named in the config by id (`customfield_10050`) or by name ("Project Manager"):
 * `GET /rest/api/3/field` lists `{id, name}` for the site, read once per sync.
 */

/**
 * Each configured reference → the field id (FieldRefError naming `<keyPrefix>.<name>` when a
 * reference names no field or several). Unset references stay unset.
 */
export function resolveJiraFields<K extends string>(
  refs: Partial<Record<K, string>>,
  fields: readonly FieldInfo[],
  keyPrefix: string,
): Partial<Record<K, string>> {
  const ids: Partial<Record<K, string>> = {};
  for (const [name, ref] of Object.entries(refs) as [K, string | undefined][]) {
    if (ref !== undefined) ids[name] = resolveFieldRef(ref, fields, `${keyPrefix}.${name}`);
  }
  return ids;
}

/**
 * The ids of the fields the source's `fields` names, from the site's `/field` list (read once per
 * sync, also for the story-point fields). A reference that names no field or several stops the
 * sync with a FieldRefError.
 */
export function fieldIdsOf(siteFields: readonly FieldInfo[], source: JiraSourceConfig): JiraFieldIds | undefined {
  const refs = source.fields;
  if (!refs || Object.values(refs).every((ref) => ref === undefined)) return undefined;
  return resolveJiraFields(refs, siteFields, `sources.${source.name}.fields`);
}
