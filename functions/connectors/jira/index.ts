import type { JiraSourceConfig } from '../../config/index.ts';
import type { Connector, RecordBatch, SyncContext } from '../kit/connector.ts';
import { createPeopleLedger, type PeopleLedger } from '../kit/people.ts';
import { createQuarantineBin, type QuarantineBin } from '../kit/quarantine.ts';
import { encodeState } from '../kit/sync-state.ts';
import { jiraApiBase } from './api-base.ts';
import { readStatusCategories } from './changelog.ts';
import { createJiraClient, createJiraHttp, type JiraClient } from './client.ts';
import { jiraFieldIdsToRead } from './custom-fields.ts';
import { fieldIdsOf } from './field-ref.ts';
import { mapIssuePage, type IssuePageContext } from './issues.ts';
import { overlapMs, syncJql } from './jql.ts';
import { mapJiraPerson, mapJiraProject } from './map.ts';
import { settleLedger } from './reconcile.ts';
import { parseJiraFields, storyPointsFields } from './story-points.ts';
import { issueFields, JiraProjectSchema } from './schema.ts';
import { readJiraState, type JiraState } from './state.ts';
import { readWorklogChanges } from './worklogs.ts';

/**
 * Jira Cloud: projects (the lead is the PM, the category the portfolio); issues updated since the
 * cursor with their worklogs and status history; then, on an incremental sync, worklogs changed
 * or deleted since the worklog cursor; now and then a reconcile of issue ids for deletions.
 * The cursor is JSON (state.ts).
 */
export const jiraConnector = {
  type: 'jira',
  async *read(context: SyncContext<JiraSourceConfig>): AsyncGenerator<RecordBatch, string | undefined, void> {
    const startedAt = context.now();
    const run = await openRun(context);
    yield* readProjects(run.client, run.source, run.bin, run.people);

    const state = readJiraState(context);
    const issuesFrom = context.since?.getTime() ?? state?.issuesUpdated;
    const issues = yield* readIssues(run, context, issuesFrom);
    let worklogsSince = startedAt.getTime();
    if (issuesFrom !== undefined) {
      const from = context.since?.getTime() ?? state?.worklogsSince ?? issuesFrom;
      const until = yield* readWorklogChanges({ ...run, configJql: context.source.jql }, Math.max(0, from - overlapMs));
      worklogsSince = Math.max(from, until);
    }
    const ledger = yield* settleLedger({
      client: run.client, source: run.source, configJql: context.source.jql, log: context.log,
      state, readAll: issuesFrom === undefined, readIds: issues.ids, now: startedAt,
    });
    const next: JiraState = { v: 1, issuesUpdated: issues.newest ?? state?.issuesUpdated, worklogsSince, ...ledger };
    return encodeState(next);
  },
} satisfies Connector<JiraSourceConfig>;

async function openRun(context: SyncContext<JiraSourceConfig>): Promise<IssuePageContext> {
  const source = context.source.name;
  const http = createJiraHttp(context);
  const client = createJiraClient(http, await jiraApiBase(http, context.source), source);
  const [fields, categories] = await Promise.all([client.fields(), readStatusCategories(client)]);
  const siteFields = parseJiraFields(fields);
  const pointFields = storyPointsFields(siteFields, context.source.storyPointsField, `sources.${source}.storyPointsField`);
  const fieldIds = fieldIdsOf(siteFields, context.source);
  const seen = { projectOf: new Map<string, string>(), worklogs: new Set<string>() };
  return { source, client, bin: createQuarantineBin({ source, now: context.now }), people: createPeopleLedger(), storyPointsFields: pointFields, categories, seen, fieldIds };
}

async function* readIssues(run: IssuePageContext, context: SyncContext<JiraSourceConfig>, from: number | undefined) {
  const jql = syncJql(context.source.jql, from);
  const fields = [...issueFields, ...run.storyPointsFields, ...jiraFieldIdsToRead(run.fieldIds ?? {})];
  context.log.info('reading Jira issues', { source: run.source, jql, storyPointsFields: run.storyPointsFields, fields: run.fieldIds });
  let newest: number | undefined;
  const ids = new Set<string>();
  for await (const rawIssues of run.client.issuePages(jql, fields)) {
    const page = await mapIssuePage(run, rawIssues);
    if (page.newestUpdated !== undefined && (newest === undefined || page.newestUpdated > newest)) newest = page.newestUpdated;
    for (const task of page.batch.tasks ?? []) ids.add(task.sourceId);
    yield page.batch;
  }
  return { newest, ids };
}

async function* readProjects(client: JiraClient, source: string, bin: QuarantineBin, people: PeopleLedger): AsyncGenerator<RecordBatch> {
  for await (const rawProjects of client.projectPages()) {
    const projects = rawProjects.map((raw) => bin.map('project', JiraProjectSchema, raw, (project) => project)).filter((p) => p !== undefined);
    yield {
      people: people.admit(projects.map((project) => (project.lead ? mapJiraPerson(source, project.lead) : undefined))),
      projects: projects.map((project) => mapJiraProject(source, project)),
      quarantined: bin.drain(),
    };
  }
}

export { createJiraClient, createJiraHttp } from './client.ts';
export type { JiraClient } from './client.ts';
export { jiraStatus, mapJiraIssue, mapJiraPerson, mapJiraProject, mapJiraWorklog } from './map.ts';
export { mapHistory } from './changelog.ts';
export { syncJql, reconcileJql } from './jql.ts';
