import type { AsanaSourceConfig } from '../../config/index.ts';
import type { Connector, RecordBatch, SyncContext } from '../kit/connector.ts';
import { ConnectorError } from '../kit/errors.ts';
import { createPeopleLedger, type PeopleLedger } from '../kit/people.ts';
import { createQuarantineBin, type QuarantineBin } from '../kit/quarantine.ts';
import { decodeIdSet, deletedSince, encodeIdSet } from '../kit/id-set.ts';
import { encodeState } from '../kit/sync-state.ts';
import { decodeCheckpoint, withCheckpoint } from '../kit/checkpoint.ts';
import { AsanaCheckpointSchema, projectTaskPages, type AsanaCheckpoint } from './checkpoint.ts';
import { recordId, type Person } from '../../domain/index.ts';
import { planAsanaSync, type AsanaPlan, type AsanaState } from './state.ts';
import { createAsanaClient, createAsanaHttp, type AsanaClient } from './client.ts';
import { asanaFieldRefs, findCustomField, peopleFieldPerson, type AsanaFieldRefs } from './custom-fields.ts';
import { mapAsanaPerson, mapAsanaProject } from './map.ts';
import { AsanaPortfolioSchema, AsanaProjectSchema, AsanaUserSchema, type AsanaProject } from './schema.ts';
import { mapTaskPage } from './tasks.ts';
import { createTimeTrackingGate, noTimeTrackingReason, type TimeTrackingGate } from './time-tracking.ts';

/**
 * Asana: people, portfolios (a project's portfolio), projects (the owner is the PM), then each
 * project's tasks (and subtasks) modified since the last sync with their time entries; now and
 * then every task, to see deletions (state.ts states the rule). `modified_since` is the time the
 * previous sync started, so whatever changed while it ran is read again. Each task page carries a
 * checkpoint (checkpoint.ts); a resumed read goes on with the tasks of the project it was in.
 */
export const asanaConnector = {
  type: 'asana',
  async *read(context: SyncContext<AsanaSourceConfig>): AsyncGenerator<RecordBatch, string | undefined, void> {
    const resume = decodeCheckpoint(AsanaCheckpointSchema, context);
    const startedAt = resume?.startedAt ?? context.now().toISOString();
    const source = context.source.name;
    const client = createAsanaClient(createAsanaHttp(context), context.source.baseUrl, source);
    const bin = createQuarantineBin({ source, now: context.now });
    const people = createPeopleLedger();
    const fieldRefs = asanaFieldRefs(source, context.source.fields, context.source.storyPointsField);
    const projectGids = resume ? resume.projects : yield* readWorkspace(context, client, bin, people, fieldRefs);

    // A resumed read keeps the listing it chose when it began (full or incremental), whatever the clock says now.
    const planned = planAsanaSync(context);
    const plan = resume ? { state: planned.state, modifiedSince: resume.modifiedSince } : planned;
    const timeTracking = createTimeTrackingGate(client, source, context.log);
    const listed = resume ? decodeIdSet(resume.listed) : new Set<string>();
    const taskContext = { source, client, bin, people, fieldRefs, seenTasks: new Set(listed), listed, timeTracking, dueDateHistory: context.source.dueDateHistory !== false };
    const learned = () => (timeTracking.asked ? timeTracking.unavailable !== undefined : resume?.noTimeTracking);
    for (let index = 0; index < projectGids.length; index += 1) {
      const projectGid = projectGids[index]!;
      for await (const page of projectTaskPages(client, projectGid, plan.modifiedSince, index === 0 ? resume?.offset : undefined, context.log)) {
        const batch = await mapTaskPage(taskContext, projectGid, page.data);
        const noTimeTracking = learned();
        const position: AsanaCheckpoint = {
          v: 1, startedAt, ...(plan.modifiedSince ? { modifiedSince: plan.modifiedSince } : {}),
          projects: projectGids.slice(page.next ? index : index + 1), ...(page.next ? { offset: page.next } : {}),
          listed: encodeIdSet(listed), ...(noTimeTracking === undefined ? {} : { noTimeTracking }),
        };
        yield withCheckpoint(batch, position);
      }
    }
    const earlier = learned() === undefined ? plan.state : { ...plan.state, v: 1 as const, noTimeTracking: learned() ? (true as const) : undefined };
    const noTimeTracking = await timeTrackingFinding(timeTracking, taskContext.seenTasks, earlier);
    if (noTimeTracking) yield { unavailable: { hours: noTimeTracking } };
    const ledger = settleListing(context, plan, taskContext.listed);
    if (ledger.deleted.length) yield { deletions: [{ kind: 'task', ids: ledger.deleted.map((gid) => recordId(source, gid)) }] };
    const next: AsanaState = { v: 1, modifiedSince: startedAt, ...ledger.marks, ...(noTimeTracking ? { noTimeTracking: true } : {}) };
    return encodeState(next);
  },
} satisfies Connector<AsanaSourceConfig>;

/** People, portfolios and projects, before any task; returns the project gids in listing order. */
async function* readWorkspace(context: SyncContext<AsanaSourceConfig>, client: AsanaClient, bin: QuarantineBin, people: PeopleLedger, fieldRefs: AsanaFieldRefs): AsyncGenerator<RecordBatch, string[], void> {
  const source = context.source.name;
  const workspace = context.source.workspace ?? (await firstWorkspace(client, context));
  for await (const page of client.users(workspace)) {
    const users = page.map((raw) => bin.map('person', AsanaUserSchema, raw, (user) => mapAsanaPerson(source, user)));
    yield { people: people.admit(users), quarantined: bin.drain() };
  }
  const portfolioOf = await readPortfolios(client, workspace, bin, context.source.portfolios);
  const projectGids: string[] = [];
  for await (const page of client.projects(workspace)) {
    const batch = mapProjectPage(source, page, portfolioOf, bin, people, fieldRefs);
    projectGids.push(...(batch.projects ?? []).map((project) => project.sourceId));
    yield batch;
  }
  return projectGids;
}

async function firstWorkspace(client: AsanaClient, context: SyncContext<AsanaSourceConfig>): Promise<string> {
  const [workspace] = await client.myWorkspaces();
  if (workspace) return workspace;
  throw new ConnectorError('lists no workspace for this token: set "workspace" in the source config', {
    source: context.source.name,
    request: 'GET /users/me',
  });
}

/**
 * Whether this workspace lacks time tracking: this sync's answer when it asked for entries (or a
 * probe could), else what the previous sync found (an incremental sync that read no task).
 */
async function timeTrackingFinding(gate: TimeTrackingGate, tasks: ReadonlySet<string>, state: AsanaState | undefined): Promise<string | undefined> {
  await gate.probe(tasks.values().next().value);
  if (gate.asked) return gate.unavailable;
  return state?.noTimeTracking ? noTimeTrackingReason : undefined;
}

/** The token user's own portfolios (Asana lists no others), or those the config names by gid. */
async function* portfolioPages(client: AsanaClient, workspace: string, named: readonly string[] | undefined): AsyncGenerator<unknown[]> {
  if (!named) {
    yield* client.portfolios(workspace);
    return;
  }
  for (const gid of named) yield [await client.portfolio(gid)];
}

/** Project gid → name of the first portfolio that holds it. */
async function readPortfolios(client: AsanaClient, workspace: string, bin: QuarantineBin, named: readonly string[] | undefined): Promise<Map<string, string>> {
  const portfolioOf = new Map<string, string>();
  for await (const page of portfolioPages(client, workspace, named)) {
    for (const raw of page) {
      const portfolio = bin.map('portfolio', AsanaPortfolioSchema, raw, (parsed) => parsed);
      if (!portfolio) continue;
      for await (const items of client.portfolioItems(portfolio.gid)) {
        for (const item of items) {
          const gid = (item as { gid?: unknown } | null)?.gid;
          if (typeof gid === 'string' && !portfolioOf.has(gid)) portfolioOf.set(gid, portfolio.name);
        }
      }
    }
  }
  return portfolioOf;
}

function mapProjectPage(source: string, page: readonly unknown[], portfolioOf: Map<string, string>, bin: QuarantineBin, people: PeopleLedger, refs: AsanaFieldRefs): RecordBatch {
  // Mapped inside the bin: a field reference two of a project's fields answer to quarantines that project.
  const pairs = page
    .map((raw) => bin.map('project', AsanaProjectSchema, raw, (project) => ({ project, mapped: mapAsanaProject(source, project, portfolioOf.get(project.gid), refs) })))
    .filter((pair) => pair !== undefined);
  const named = pairs.flatMap(({ project }) => [project.owner ? mapAsanaPerson(source, project.owner) : undefined, ...pmFieldPeople(source, project, refs)]);
  return { people: people.admit(named), projects: pairs.map(({ mapped }) => mapped), quarantined: bin.drain() };
}

/** The person of the project's PM field, so the people ledger knows their name. */
function pmFieldPeople(source: string, project: AsanaProject, refs: AsanaFieldRefs): Person[] {
  if (refs.pm === undefined) return [];
  const person = peopleFieldPerson(source, findCustomField(project.custom_fields, refs.pm, `${refs.key}.pm`));
  return person ? [{ id: person.id, source, sourceId: person.gid, name: person.name }] : [];
}

/** After the task listings: the deletions a full listing shows, and the marks the next sync plans by. */
function settleListing(context: SyncContext<AsanaSourceConfig>, plan: AsanaPlan, listed: ReadonlySet<string>) {
  const { state } = plan;
  const before = state?.ids !== undefined ? decodeIdSet(state.ids) : undefined;
  if (plan.modifiedSince !== undefined) {
    const marks = { ids: encodeIdSet([...(before ?? []), ...listed]), fullAt: state?.fullAt, syncsSinceFull: (state?.syncsSinceFull ?? 0) + 1 };
    return { deleted: [] as string[], marks };
  }
  const deleted = before ? deletedSince(before, listed, new Set()) : [];
  if (!deleted) {
    context.log.warn('the full listing would delete most known tasks; keeping them and retrying next sync', { source: context.source.name, known: before?.size, listed: listed.size });
    return { deleted: [] as string[], marks: { ids: encodeIdSet([...(before ?? []), ...listed]), fullAt: state?.fullAt, syncsSinceFull: state?.syncsSinceFull } };
  }
  return { deleted, marks: { ids: encodeIdSet(listed), fullAt: context.now().getTime(), syncsSinceFull: 0 } };
}

export { createAsanaClient, createAsanaHttp } from './client.ts';
export type { AsanaClient } from './client.ts';
export { asanaStatus, mapAsanaPerson, mapAsanaProject, mapAsanaTask, mapAsanaTimeEntry } from './map.ts';
