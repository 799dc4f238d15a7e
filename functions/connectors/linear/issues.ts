import type { Project, Task } from '../../domain/index.ts';
import type { RecordBatch } from '../kit/connector.ts';
import type { QuarantineBin } from '../kit/quarantine.ts';
import { recordId } from '../../domain/index.ts';
import type { Logger } from '../kit/connector.ts';
import type { CursorPage, LinearClient } from './client.ts';
import { isGraphqlError } from './graphql.ts';
import { mapLinearIssue, mapLinearStatusChanges, teamProject } from './map.ts';
import { LinearHistorySchema, LinearIssueSchema, type LinearHistory, type LinearIssue } from './schema.ts';

/**
 * One page of issues → a batch: tasks with their state moves and due-date changes, the team
 * projects of issues in no project, and deletions: a trashed issue, and the identifiers an issue
 * had before it moved to another team.
 */
export interface IssuePageContext {
  source: string;
  client: LinearClient;
  bin: QuarantineBin;
  /** Team-project ids already yielded this sync. */
  teamProjects: Set<string>;
}

export async function mapIssuePage(context: IssuePageContext, nodes: readonly unknown[]): Promise<RecordBatch> {
  const { source, bin } = context;
  const tasks: Task[] = [];
  const projects: Project[] = [];
  const deleted: string[] = [];
  const batch: RecordBatch & { statusChanges: NonNullable<RecordBatch['statusChanges']> } = { statusChanges: [] };
  for (const raw of nodes) {
    const issue = bin.map('task', LinearIssueSchema, raw, (parsed) => parsed);
    if (!issue) continue;
    deleted.push(...issue.previousIdentifiers.filter((old) => old !== issue.identifier).map((old) => recordId(source, old)));
    if (issue.trashed) {
      deleted.push(recordId(source, issue.identifier));
      continue;
    }
    const history = await wholeHistory(context, issue);
    tasks.push(mapLinearIssue(source, issue, history));
    batch.statusChanges.push(...mapLinearStatusChanges(source, issue, history));
    if (!issue.project) {
      const project = teamProject(source, issue.team);
      if (!context.teamProjects.has(project.id)) {
        context.teamProjects.add(project.id);
        projects.push(project);
      }
    }
  }
  return { ...batch, tasks, projects, quarantined: bin.drain(), ...(deleted.length ? { deletions: [{ kind: 'task' as const, ids: deleted }] } : {}) };
}

/** The issue page holds the first history entries; the rest come page by page. */
async function wholeHistory(context: IssuePageContext, issue: LinearIssue): Promise<LinearHistory[]> {
  const history = [...issue.history.nodes];
  const after = issue.history.pageInfo.hasNextPage ? issue.history.pageInfo.endCursor : null;
  if (!after) return history;
  for await (const page of context.client.issueHistory(issue.id, after)) {
    for (const raw of page.nodes) {
      const entry = LinearHistorySchema.safeParse(raw);
      // A history entry of a shape not read here (another kind of change) says nothing about state or due date.
      if (entry.success) history.push(entry.data);
    }
  }
  return history;
}

/**
 * The issue listing from a checkpoint's cursor. A Relay cursor is opaque and Linear does not say
 * how long one stays valid: one it refuses is logged and the listing starts over from its first
 * page (same window: re-reading is harmless, records are idempotent).
 */
export async function* issuePages(client: LinearClient, options: { updatedAfter?: string | undefined; teams?: readonly string[] | undefined; after?: string | undefined }, log: Logger, source: string): AsyncGenerator<CursorPage> {
  const pages = client.issues(options);
  let first: IteratorResult<CursorPage>;
  try {
    first = await pages.next();
  } catch (error) {
    if (options.after === undefined || !isGraphqlError(error)) throw error;
    log.warn('Linear refused the saved page cursor; reading the issues again from the first page', { source, codes: error.codes.join(',') });
    yield* client.issues({ ...options, after: undefined });
    return;
  }
  if (first.done) return;
  yield first.value;
  yield* pages;
}
