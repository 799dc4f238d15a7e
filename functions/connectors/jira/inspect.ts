import type { JiraSourceConfig } from '../../config/index.ts';
import type { SyncContext } from '../kit/connector.ts';
import { describeRequest } from '../kit/errors.ts';
import type { InspectionRow, SourceInspection } from '../kit/inspection.ts';
import { buildUrl, parsePage } from '../kit/page.ts';
import { createJiraClient, createJiraHttp } from './client.ts';
import { jiraStatus } from './map.ts';
import { JiraListSchema, JiraStatusSchema } from './schema.ts';
import { parseJiraFields, storyPointsFields } from './story-points.ts';
import * as z from 'zod';

/**
 * A Jira site as pmpulse sees it: every field (id, name, custom or system, type), every status
 * with its category and the status pmpulse maps it to, the issue types and the projects (with
 * the lead, the category and whether they are company- or team-managed), and which fields story
 * points would be read from.
 */
const IssueTypeSchema = z.object({ id: z.string(), name: z.string(), subtask: z.boolean().optional() });
const ProjectSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  key: z.string(),
  name: z.string(),
  style: z.string().optional(),
  simplified: z.boolean().optional(),
  lead: z.object({ displayName: z.string().optional() }).optional(),
  projectCategory: z.object({ name: z.string() }).nullish(),
});

export async function inspectJira(context: SyncContext<JiraSourceConfig>): Promise<SourceInspection> {
  const { name, baseUrl } = context.source;
  const http = createJiraHttp(context);
  const client = createJiraClient(http, baseUrl, name);
  const typesUrl = buildUrl(baseUrl, '/rest/api/3/issuetype');
  const [fields, statuses, types] = await Promise.all([
    client.fields().then(parseJiraFields),
    client.statuses(),
    http.getJson(typesUrl).then((body) => parsePage(JiraListSchema, body, name, describeRequest('GET', typesUrl))),
  ]);
  const notes: string[] = [];
  let pointFields: string[] = [];
  try {
    pointFields = storyPointsFields(fields, context.source.storyPointsField, `sources.${name}.storyPointsField`);
    const named = pointFields.map((id) => `${id} (${fields.find((field) => field.id === id)?.name ?? '?'})`);
    notes.push(named.length ? `story points read from: ${named.join(', ')}` : 'no story-point field found: set storyPointsField to a field id or name below');
  } catch (error) {
    notes.push(error instanceof Error ? error.message : String(error));
  }
  const projects: InspectionRow[] = [];
  for await (const page of client.projectPages()) {
    for (const raw of page) {
      const project = ProjectSchema.safeParse(raw);
      if (!project.success) continue;
      const p = project.data;
      const teamManaged = p.simplified ?? p.style === 'next-gen';
      projects.push({ id: p.id, key: p.key, name: p.name, managed: teamManaged ? 'team' : 'company', lead: p.lead?.displayName ?? null, category: p.projectCategory?.name ?? null });
    }
  }
  return {
    source: name,
    type: 'jira',
    notes,
    sections: [
      {
        name: 'fields', title: 'Fields',
        rows: fields.map((field) => ({
          id: field.id, name: field.name, kind: (field.custom ?? field.id.startsWith('customfield_')) ? 'custom' : 'system',
          type: field.schema?.type ?? null, storyPoints: pointFields.includes(field.id),
        })),
      },
      { name: 'statuses', title: 'Statuses', rows: parsedRows(statuses, JiraStatusSchema, (s) => ({ id: s.id, name: s.name, category: s.statusCategory.key, pmpulse: jiraStatus(s.statusCategory.key) })) },
      { name: 'issueTypes', title: 'Issue types', rows: parsedRows(types, IssueTypeSchema, (t) => ({ id: t.id, name: t.name, subtask: t.subtask ?? false })) },
      { name: 'projects', title: 'Projects', rows: projects },
    ],
  };
}

function parsedRows<S extends z.ZodType>(raw: readonly unknown[], schema: S, row: (value: z.output<S>) => InspectionRow): InspectionRow[] {
  return raw.flatMap((entry) => {
    const parsed = schema.safeParse(entry);
    return parsed.success ? [row(parsed.data)] : [];
  });
}
