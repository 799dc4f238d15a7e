import { storyPointsRefs } from '../../config/story-points.ts';
import { resolveFieldRef } from '../kit/field-ref.ts';
import { JiraFieldSchema, storyPointsFieldNames, type JiraField } from './schema.ts';

/**
 * Which custom fields hold story points on this site. Company-managed projects keep them in
 * "Story Points", team-managed ones in "Story point estimate", and a site with both kinds has
 * both fields, so the connector reads every one of them and takes whichever an issue carries.
 *
 * - Configured (`storyPointsField`: an id or name, or a list): each must name exactly one field of
 *   the site, else the sync stops with the key and the candidates (a misspelt name would silently
 *   lose every point otherwise).
 * - Not configured: every custom field whose name is one of the two Jira names (case-insensitive),
 *   "Story Points" first. A site with neither has no story points; that is not an error.
 */
export function storyPointsFields(fields: readonly JiraField[], configured: string | readonly string[] | undefined, key: string): string[] {
  const refs = storyPointsRefs(configured);
  if (refs) return unique(refs.map((ref, index) => resolveFieldRef(ref, fields, typeof configured === 'string' ? key : `${key}[${index}]`)));
  const found: string[] = [];
  for (const name of storyPointsFieldNames) {
    for (const field of fields) if (field.custom !== false && field.name.trim().toLowerCase() === name.toLowerCase()) found.push(field.id);
  }
  return unique(found);
}

/** The site's fields from the raw `/field` answer; entries of another shape are skipped. */
export function parseJiraFields(raw: readonly unknown[]): JiraField[] {
  return raw.flatMap((entry) => {
    const field = JiraFieldSchema.safeParse(entry);
    return field.success ? [field.data] : [];
  });
}

/** The points an issue carries: the first of the fields (in order) holding a number ≥ 0. */
export function storyPointsOf(issueFields: Readonly<Record<string, unknown>>, fieldIds: readonly string[]): number | undefined {
  for (const id of fieldIds) {
    const value = issueFields[id];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  }
  return undefined;
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
