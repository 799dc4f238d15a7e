import type { AsanaSourceConfig } from '../../config/index.ts';
import type { SyncContext } from '../kit/connector.ts';
import { describeRequest } from '../kit/errors.ts';
import type { InspectionRow, SourceInspection } from '../kit/inspection.ts';
import { buildUrl, parsePage } from '../kit/page.ts';
import { createAsanaClient, createAsanaHttp, type AsanaClient } from './client.ts';
import { AsanaMeSchema, AsanaPortfolioSchema, AsanaProjectSchema, customFieldNames } from './schema.ts';
import * as z from 'zod';

/**
 * An Asana account as pmpulse sees it: the token's workspaces, and in the workspace the source
 * reads (`workspace`, else the first) its custom fields (gid, name, type), projects (with their
 * owner, the PM) and portfolios; and which field story points would be read from.
 */
const CustomFieldSchema = z.object({
  gid: z.string(),
  name: z.string().nullish(),
  resource_subtype: z.string().nullish(),
  enum_options: z.array(z.object({ name: z.string().nullish() })).nullish(),
});

export async function inspectAsana(context: SyncContext<AsanaSourceConfig>): Promise<SourceInspection> {
  const { name, baseUrl } = context.source;
  const http = createAsanaHttp(context);
  const client = createAsanaClient(http, baseUrl, name);
  const meUrl = buildUrl(baseUrl, '/users/me', { opt_fields: 'workspaces.name' });
  const me = parsePage(AsanaMeSchema, await http.getJson(meUrl), name, describeRequest('GET', meUrl));
  const workspace = context.source.workspace ?? me.data.workspaces[0]?.gid;
  const notes: string[] = [];
  const sections = [{ name: 'workspaces', title: 'Workspaces', rows: me.data.workspaces.map((w) => ({ gid: w.gid, name: w.name ?? null, read: w.gid === workspace })) }];
  if (!workspace) return { source: name, type: 'asana', notes: ['the token lists no workspace'], sections };
  const fields = await rows(client.customFields(workspace), CustomFieldSchema, (f) => ({
    gid: f.gid, name: f.name ?? null, type: f.resource_subtype ?? null,
    options: f.enum_options?.map((option) => option.name ?? '').filter(Boolean).join(', ') || null,
  }));
  const pointsRef = context.source.storyPointsField ?? customFieldNames.storyPoints;
  const points = fields.find((f) => f.gid === pointsRef) ?? fields.find((f) => String(f.name ?? '').trim().toLowerCase() === pointsRef.trim().toLowerCase());
  notes.push(points ? `story points read from: ${points.gid} (${points.name}, ${points.type})` : `no custom field "${pointsRef}": tasks get no story points; set storyPointsField to a number field's gid or name below`);
  notes.push(`workspace read: ${workspace}`);
  return {
    source: name,
    type: 'asana',
    notes,
    sections: [
      ...sections,
      { name: 'customFields', title: 'Custom fields', rows: fields },
      { name: 'projects', title: 'Projects', rows: await rows(client.projects(workspace), AsanaProjectSchema, (p) => ({ gid: p.gid, name: p.name, owner: p.owner?.name ?? null })) },
      { name: 'portfolios', title: 'Portfolios', rows: await rows(client.portfolios(workspace), AsanaPortfolioSchema, (p) => ({ gid: p.gid, name: p.name })) },
    ],
  };
}

async function rows<S extends z.ZodType>(pages: ReturnType<AsanaClient['projects']>, schema: S, row: (value: z.output<S>) => InspectionRow): Promise<InspectionRow[]> {
  const all: InspectionRow[] = [];
  for await (const page of pages) {
    for (const raw of page) {
      const parsed = schema.safeParse(raw);
      if (parsed.success) all.push(row(parsed.data));
    }
  }
  return all;
}
