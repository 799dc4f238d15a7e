import type { JsonSchema } from './openapi-schema.ts';

/**
 * Jira's document declares an issue's `fields` as a map of anything (`IssueBean.fields`); the
 * type of each field is told by `/rest/api/3/field` (`schema.type`: user, status, date, datetime,
 * number, array of component...), and those types are the document's own component schemas. This
 * is that correspondence for the fields pmpulse reads; custom fields stay unchecked.
 */

const ref = (name: string, nullable = false): JsonSchema => (nullable ? { allOf: [{ $ref: `#/components/schemas/${name}` }], nullable: true } : { $ref: `#/components/schemas/${name}` });
const scalar = (type: string, format?: string): JsonSchema => ({ type, nullable: true, ...(format ? { format } : {}) });

export const issueFieldSchemas: Record<string, JsonSchema> = {
  summary: { type: 'string' },
  project: ref('ProjectDetails'),
  issuetype: ref('IssueTypeDetails'),
  status: ref('StatusDetails'),
  assignee: ref('UserDetails', true),
  reporter: ref('UserDetails', true),
  created: scalar('string', 'date-time'),
  updated: scalar('string', 'date-time'),
  duedate: scalar('string', 'date'),
  resolutiondate: scalar('string', 'date-time'),
  statuscategorychangedate: scalar('string', 'date-time'),
  timeoriginalestimate: scalar('integer'),
  timeestimate: scalar('integer'),
  timespent: scalar('integer'),
  labels: { type: 'array', items: { type: 'string' } },
  components: { type: 'array', items: ref('ProjectComponent') },
  worklog: ref('PageOfWorklogs'),
};

/** The typed fields of every issue of a search answer, with where they sit. */
export function issueFields(operation: string, response: unknown): { at: string; schema: JsonSchema; value: unknown }[] {
  if (!operation.endsWith(' /rest/api/3/search/jql')) return [];
  const issues = (response as { issues?: { fields?: Record<string, unknown> }[] } | undefined)?.issues ?? [];
  return issues.flatMap((issue, index) =>
    Object.entries(issue.fields ?? {}).flatMap(([name, value]) => {
      const schema = issueFieldSchemas[name];
      return schema ? [{ at: `$.issues[${index}].fields.${name}`, schema, value }] : [];
    }),
  );
}
