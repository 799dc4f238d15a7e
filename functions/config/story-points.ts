import * as z from 'zod';

/**
 * Where story points live. Jira keeps them in "Story Points" on company-managed projects and in
 * "Story point estimate" on team-managed ones, and custom field ids differ from site to site, so a
 * field is named by id (`customfield_10016`) or by name, and a site with both kinds of project
 * names both: an issue's points come from the first listed field it carries.
 * Absent: every custom field named "Story Points" or "Story point estimate" (see
 * functions/connectors/jira/story-points.ts).
 */
const fieldRef = z.string().trim().min(1, 'a field id or name');

export const JiraStoryPointsFieldSchema = z.union([fieldRef, z.array(fieldRef).min(1, 'at least one field id or name')]);

/** Asana: a number custom field, by name or gid; absent: the field named "Story Points". */
export const AsanaStoryPointsFieldSchema = fieldRef;

/**
 * `kpi.unit`: what throughput and the forecasts count. `items` (the default) counts tasks;
 * `points` sums the story points of the tasks that have them and counts the rest apart
 * (docs/kpi-catalogue.md, docs/forecasts.md).
 */
export const KpiUnitSchema = z.enum(['items', 'points']);
export type KpiUnit = z.infer<typeof KpiUnitSchema>;

/** The story-point field references of a Jira source as a list. */
export function storyPointsRefs(value: string | readonly string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? [value] : [...value];
}
