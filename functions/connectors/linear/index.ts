import type { LinearSourceConfig } from '../../config/index.ts';
import type { Connector, RecordBatch, SyncContext } from '../kit/connector.ts';
import { decodeCheckpoint, withCheckpoint } from '../kit/checkpoint.ts';
import { createPeopleLedger } from '../kit/people.ts';
import { createQuarantineBin, type QuarantineBin } from '../kit/quarantine.ts';
import { decodeState, encodeState } from '../kit/sync-state.ts';
import { recordId } from '../../domain/index.ts';
import { createLinearClient, type LinearClient } from './client.ts';
import { createGraphqlClient } from './graphql.ts';
import { issuePages, mapIssuePage } from './issues.ts';
import { mapLinearPerson, mapLinearProject } from './map.ts';
import { LinearProjectSchema, LinearUserSchema } from './schema.ts';
import { LinearCheckpointSchema, LinearStateSchema, noHourEstimatesReason, noHoursReason, type LinearCheckpoint, type LinearState } from './state.ts';

/**
 * Linear over its GraphQL API: people, projects (the lead is the PM, the first initiative the
 * portfolio), then issues updated since the last sync began, archived and trashed ones included
 * (a trashed issue is deleted), each with its state moves and due-date changes from its history.
 * Each issue page carries a checkpoint: the next page's Relay cursor. Linear has no time
 * tracking: unless `timesheetSource` names the timesheet that logs its hours, the sync says its
 * hours are unavailable, so the figures built on hours show that instead of 0. Its estimates are
 * points, never hours: every sync says so, and the figures built on a cost baseline (SPI, CPI)
 * show that instead of a CPI of 0.
 */
export const linearConnector = {
  type: 'linear',
  async *read(context: SyncContext<LinearSourceConfig>): AsyncGenerator<RecordBatch, string | undefined, void> {
    const config = context.source;
    const source = config.name;
    const resume = decodeCheckpoint(LinearCheckpointSchema, context);
    const startedAt = resume?.startedAt ?? context.now().toISOString();
    const state = decodeState(LinearStateSchema, context.cursor, context.log, source);
    const updatedSince = resume ? resume.updatedSince : (context.since?.toISOString() ?? state?.updatedSince);
    const client = createLinearClient(createGraphqlClient(context));
    const bin = createQuarantineBin({ source, now: context.now });
    // Known from the config before any page: said first, so even a run stopped at its deadline
    // (or failing) part-way records them. Estimates are points always; hours only come from a
    // named timesheet source.
    yield { unavailable: { ...(config.timesheetSource === undefined ? { hours: noHoursReason } : {}), hourEstimates: noHourEstimatesReason } };
    if (!resume) yield* readWorkspace(context, client, bin);

    const issueContext = { source, client, bin, teamProjects: new Set<string>() };
    const listing = issuePages(client, { updatedAfter: updatedSince, teams: config.teams, after: resume?.after }, context.log, source);
    for await (const page of listing) {
      const batch = await mapIssuePage(issueContext, page.nodes);
      if (!page.next) {
        yield batch;
        continue;
      }
      const position: LinearCheckpoint = { v: 1, startedAt, ...(updatedSince ? { updatedSince } : {}), after: page.next };
      yield withCheckpoint(batch, position);
    }
    const next: LinearState = { v: 1, updatedSince: startedAt };
    return encodeState(next);
  },
} satisfies Connector<LinearSourceConfig>;

/** People, then projects (of the configured teams); a trashed project is deleted. */
async function* readWorkspace(context: SyncContext<LinearSourceConfig>, client: LinearClient, bin: QuarantineBin): AsyncGenerator<RecordBatch, void, void> {
  const source = context.source.name;
  const people = createPeopleLedger();
  for await (const page of client.users()) {
    const users = page.nodes.map((raw) => bin.map('person', LinearUserSchema, raw, (user) => mapLinearPerson(source, user)));
    yield { people: people.admit(users), quarantined: bin.drain() };
  }
  const teams = context.source.teams ? new Set(context.source.teams) : undefined;
  for await (const page of client.projects()) {
    const projects = page.nodes
      .map((raw) => bin.map('project', LinearProjectSchema, raw, (project) => project))
      .filter((project) => project !== undefined)
      .filter((project) => !teams || project.teams.nodes.some((team) => teams.has(team.key)));
    const trashed = projects.filter((project) => project.trashed).map((project) => recordId(source, project.id));
    yield {
      projects: projects.filter((project) => !project.trashed).map((project) => mapLinearProject(source, project)),
      quarantined: bin.drain(),
      ...(trashed.length ? { deletions: [{ kind: 'project' as const, ids: trashed }] } : {}),
    };
  }
}

export { createLinearClient } from './client.ts';
export { createGraphqlClient, graphqlFetch, GraphqlError, isGraphqlError } from './graphql.ts';
export { linearStatus, mapLinearIssue, mapLinearPerson, mapLinearProject, mapLinearStatusChanges } from './map.ts';
export { allQueries } from './queries.ts';
