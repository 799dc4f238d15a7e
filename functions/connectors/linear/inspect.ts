import type { LinearSourceConfig } from '../../config/index.ts';
import type { SyncContext } from '../kit/connector.ts';
import type { InspectionRow, SourceInspection } from '../kit/inspection.ts';
import * as z from 'zod';
import { createLinearClient } from './client.ts';
import { createGraphqlClient, type GraphqlClient } from './graphql.ts';
import { linearStatus } from './map.ts';
import { pageSizes, teamStatesQuery } from './queries.ts';
import { connectionPage, LinearProjectSchema, StateTypeSchema } from './schema.ts';

/**
 * A Linear workspace as pmpulse sees it: each team with its estimation scale and workflow states
 * (name, Linear's state type, and the status pmpulse reads it as), and the projects with their
 * lead (the PM) and first initiative (the portfolio).
 */
const TeamStatesSchema = z.object({
  key: z.string(),
  name: z.string(),
  issueEstimationType: z.string(),
  states: z.object({ nodes: z.array(z.object({ name: z.string(), type: z.string() })) }),
});

export async function inspectLinear(context: SyncContext<LinearSourceConfig>): Promise<SourceInspection> {
  const graphql = createGraphqlClient(context);
  const client = createLinearClient(graphql);
  const teams = await teamRows(graphql);
  const projects: InspectionRow[] = [];
  for await (const page of client.projects()) {
    for (const raw of page.nodes) {
      const parsed = LinearProjectSchema.safeParse(raw);
      if (parsed.success) projects.push({ id: parsed.data.id, name: parsed.data.name, lead: parsed.data.lead?.id ?? null, initiative: parsed.data.initiatives.nodes[0]?.name ?? null, trashed: parsed.data.trashed ?? false });
    }
  }
  const notes = [
    `teams read: ${context.source.teams?.join(', ') ?? 'all'}`,
    context.source.timesheetSource ? `hours from the timesheet source "${context.source.timesheetSource}"` : 'no timesheetSource: hours show as unavailable',
  ];
  return {
    source: context.source.name,
    type: 'linear',
    notes,
    sections: [
      { name: 'states', title: 'Workflow states by team', rows: teams },
      { name: 'projects', title: 'Projects', rows: projects },
    ],
  };
}

async function teamRows(graphql: GraphqlClient): Promise<InspectionRow[]> {
  const rows: InspectionRow[] = [];
  let after: string | null = null;
  do {
    const data: { teams?: { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await graphql.request(teamStatesQuery, { first: pageSizes.teamStates, after }, connectionPage('teams'));
    const page: { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } = data.teams!;
    for (const raw of page.nodes) {
      const team = TeamStatesSchema.safeParse(raw);
      if (!team.success) continue;
      for (const state of team.data.states.nodes) {
        const type = StateTypeSchema.safeParse(state.type);
        rows.push({ team: team.data.key, estimates: team.data.issueEstimationType, state: state.name, type: state.type, readAs: type.success ? linearStatus(type.data) : null });
      }
    }
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return rows;
}
