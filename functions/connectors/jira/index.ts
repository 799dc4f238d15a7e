import type { JiraSourceConfig } from '../../config/index.ts';
import type { Connector, RecordBatch, SyncContext } from '../kit/connector.ts';
import { createPeopleLedger, type PeopleLedger } from '../kit/people.ts';
import { createQuarantineBin, type QuarantineBin } from '../kit/quarantine.ts';
import { decodeCheckpoint, resumeSteps, withCheckpoint } from '../kit/checkpoint.ts';
import { encodeState } from '../kit/sync-state.ts';
import { jiraApiBase } from './api-base.ts';
import { readStatusCategories } from './changelog.ts';
import { createJiraClient, createJiraHttp, type JiraClient } from './client.ts';
import { jiraFieldIdsToRead } from './custom-fields.ts';
import { fieldIdsOf } from './field-ref.ts';
import { mapIssuePage, type IssuePageContext } from './issues.ts';
import { JiraCheckpointSchema, jiraSteps, type JiraCheckpoint, type JiraReadMarks } from './checkpoint.ts';
import { overlapMs, resumeJql, syncJql } from './jql.ts';
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
 * The cursor is JSON (state.ts); each issue page and worklog feed page carries a checkpoint
 * (checkpoint.ts), and a read resumed from one ends with the id listing, since the ids read in
 * earlier runs are not at hand; that listing carries checkpoints too (reconcile.ts).
 */
export const jiraConnector = {
  type: 'jira',
  async *read(context: SyncContext<JiraSourceConfig>): AsyncGenerator<RecordBatch, string | undefined, void> {
    const state = readJiraState(context);
    const resume = decodeCheckpoint(JiraCheckpointSchema, context);
    // A resumed read keeps what it fixed when it began: its start and its lower bound.
    const startedAt = resume ? new Date(resume.startedAt) : context.now();
    const marks: JiraReadMarks = { v: 1, startedAt: startedAt.getTime(), issuesFrom: resume ? resume.issuesFrom : (context.since?.getTime() ?? state?.issuesUpdated) };
    const { issuesFrom } = marks;
    const steps = resumeSteps(jiraSteps, resume?.step);
    // A read resumed in its id listing needs no field or status catalogue: only the client.
    const run = steps.runs('worklogsDeleted') ? await openRun(context) : undefined;
    const client = run?.client ?? (await openClient(context));
    if (run && steps.runs('projects')) yield* readProjects(run.client, run.source, run.bin, run.people);

    const issues = run && steps.runs('issues') ? yield* readIssues(run, context, marks, steps.resumes('issues') ? resume : undefined) : { newest: resume?.newest, ids: new Set<string>() };
    let worklogsSince = startedAt.getTime();
    let worklogsUntil: number | undefined;
    if (issuesFrom !== undefined) {
      const from = context.since?.getTime() ?? state?.worklogsSince ?? issuesFrom;
      const at = resume?.step === 'worklogsUpdated' || resume?.step === 'worklogsDeleted' ? { step: resume.step, at: resume.worklogsAt ?? 0, until: resume.worklogsUntil ?? 0 } : undefined;
      const mark = (position: { step: JiraCheckpoint['step']; at: number; until: number }): JiraCheckpoint => ({ ...marks, newest: issues.newest, step: position.step, worklogsAt: position.at, worklogsUntil: position.until });
      const until = run ? yield* readWorklogChanges({ ...run, configJql: context.source.jql }, Math.max(0, from - overlapMs), at, mark) : (resume?.worklogsUntil ?? from);
      worklogsUntil = until;
      worklogsSince = Math.max(from, until);
    }
    const listing = steps.resumes('reconcile') && resume?.idsAt !== undefined ? { at: resume.idsAt, found: resume.idsFound ?? '' } : undefined;
    const ledger = yield* settleLedger({
      client, source: context.source.name, configJql: context.source.jql, log: context.log,
      state, readAll: issuesFrom === undefined && !resume, listAll: resume !== undefined, readIds: issues.ids, now: startedAt,
      resume: listing,
      mark: (position): JiraCheckpoint => ({ ...marks, newest: issues.newest, step: 'reconcile', ...(worklogsUntil === undefined ? {} : { worklogsUntil }), idsAt: position.at, idsFound: position.found }),
    });
    const next: JiraState = { v: 1, issuesUpdated: issues.newest ?? state?.issuesUpdated, worklogsSince, ...ledger };
    return encodeState(next);
  },
} satisfies Connector<JiraSourceConfig>;

async function openClient(context: SyncContext<JiraSourceConfig>): Promise<JiraClient> {
  const http = createJiraHttp(context);
  return createJiraClient(http, await jiraApiBase(http, context.source), context.source.name);
}

async function openRun(context: SyncContext<JiraSourceConfig>): Promise<IssuePageContext> {
  const source = context.source.name;
  const client = await openClient(context);
  const [fields, categories] = await Promise.all([client.fields(), readStatusCategories(client)]);
  const siteFields = parseJiraFields(fields);
  const pointFields = storyPointsFields(siteFields, context.source.storyPointsField, `sources.${source}.storyPointsField`);
  const fieldIds = fieldIdsOf(siteFields, context.source);
  const seen = { projectOf: new Map<string, string>(), worklogs: new Set<string>() };
  return { source, client, bin: createQuarantineBin({ source, now: context.now }), people: createPeopleLedger(), storyPointsFields: pointFields, categories, seen, fieldIds };
}

/** The issue listing, sorted by `updated`, from the read's start or from where its checkpoint left it. */
async function* readIssues(run: IssuePageContext, context: SyncContext<JiraSourceConfig>, marks: JiraReadMarks, resume: JiraCheckpoint | undefined) {
  const jql = resume?.newest !== undefined ? resumeJql(context.source.jql, resume.newest) : syncJql(context.source.jql, marks.issuesFrom);
  const fields = [...issueFields, ...run.storyPointsFields, ...jiraFieldIdsToRead(run.fieldIds ?? {})];
  context.log.info('reading Jira issues', { source: run.source, jql, storyPointsFields: run.storyPointsFields, fields: run.fieldIds });
  let newest = resume?.newest;
  let atNewest = new Set(resume?.atNewest);
  const stored = new Set(atNewest);
  const ids = new Set<string>();
  for await (const rawIssues of run.client.issuePages(jql, fields)) {
    const fresh = stored.size ? rawIssues.filter((raw) => !stored.has(String((raw as { id?: unknown } | null)?.id))) : rawIssues;
    const page = await mapIssuePage(run, fresh);
    for (const task of page.batch.tasks ?? []) {
      ids.add(task.sourceId);
      const at = Date.parse(task.updatedAt);
      if (newest === undefined || at > newest) [newest, atNewest] = [at, new Set([task.sourceId])];
      else if (at === newest) atNewest.add(task.sourceId);
    }
    // A page of issues stored before moves nothing on: no checkpoint, so a run cannot stop on it.
    yield fresh.length ? withCheckpoint(page.batch, { ...marks, step: 'issues', newest, atNewest: [...atNewest] } satisfies JiraCheckpoint) : page.batch;
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
