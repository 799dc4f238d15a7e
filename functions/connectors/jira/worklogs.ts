import * as z from 'zod';
import { recordId, type Person, type TimeEntry } from '../../domain/index.ts';
import type { RecordBatch } from '../kit/connector.ts';
import { withCheckpoint } from '../kit/checkpoint.ts';
import type { IssuePageContext } from './issues.ts';
import { pageSize } from './client.ts';
import { scopedJql } from './jql.ts';
import { mapJiraPerson, mapJiraWorklog } from './map.ts';
import { JiraIssueSchema, JiraWorklogSchema } from './schema.ts';

/**
 * Incremental worklogs: a worklog added to or edited on an old issue, and worklogs deleted, since
 * the worklog cursor. `/worklog/updated` gives ids, `/worklog/list` the worklogs; each needs its
 * issue's project, looked up (within the configured JQL, so out-of-scope issues stay out) for
 * issues this sync has not read.
 */

export interface WorklogChangeContext extends IssuePageContext {
  configJql: string | undefined;
}

/** Where the feeds stand: the feed being read, the `since` of its next page, how far the updated feed reached. */
export interface WorklogFeedPosition {
  step: 'worklogsUpdated' | 'worklogsDeleted';
  at: number;
  until: number;
}

/**
 * Yields the changed and deleted worklogs, each feed page's last batch with a checkpoint (`mark`
 * turns the position into one); resumes at `resume`; returns the next worklog cursor (epoch ms).
 */
export async function* readWorklogChanges(
  context: WorklogChangeContext,
  since: number,
  resume?: WorklogFeedPosition,
  mark: (position: WorklogFeedPosition) => object = (position) => position,
): AsyncGenerator<RecordBatch, number, void> {
  let until = resume?.until ?? since;
  if (resume?.step !== 'worklogsDeleted') {
    for await (const page of context.client.worklogsUpdated(resume?.at ?? since)) {
      const fresh = page.ids.filter((id) => !context.seen.worklogs.has(id));
      until = Math.max(until, page.until);
      // After the feed's last page a resumed read goes on with the deleted feed, not this one again.
      const position = mark(page.last ? { step: 'worklogsDeleted', at: since, until } : { step: 'worklogsUpdated', at: page.until, until });
      if (fresh.length === 0) yield withCheckpoint({}, position);
      for (let at = 0; at < fresh.length; at += pageSize.worklogList) {
        const batch = await mapWorklogs(context, await context.client.worklogList(fresh.slice(at, at + pageSize.worklogList)));
        yield at + pageSize.worklogList >= fresh.length ? withCheckpoint(batch, position) : batch;
      }
    }
  }
  for await (const page of context.client.worklogsDeleted(resume?.step === 'worklogsDeleted' ? resume.at : since)) {
    const batch: RecordBatch = page.ids.length ? { deletions: [{ kind: 'timeEntry', ids: page.ids.map((id) => recordId(context.source, id)) }] } : {};
    // The last page has no checkpoint: what follows (the id ledger) finishes the read in this run.
    yield page.last ? batch : withCheckpoint(batch, mark({ step: 'worklogsDeleted', at: page.until, until }));
  }
  return until;
}

async function mapWorklogs(context: WorklogChangeContext, raws: readonly unknown[]): Promise<RecordBatch> {
  const worklogs = raws.map((raw) => context.bin.map('timeEntry', JiraWorklogSchema, raw, (worklog) => worklog)).filter((w) => w !== undefined);
  await learnProjects(context, worklogs.map((worklog) => worklog.issueId).filter((id): id is string => id !== undefined));
  const timeEntries: TimeEntry[] = [];
  const people: Person[] = [];
  for (const worklog of worklogs) {
    const projectId = worklog.issueId ? context.seen.projectOf.get(worklog.issueId) : undefined;
    // Its issue is outside the configured JQL (or gone): the worklog is not this source's to keep.
    if (!projectId) continue;
    context.seen.worklogs.add(worklog.id);
    timeEntries.push(mapJiraWorklog(context.source, worklog, { taskId: recordId(context.source, worklog.issueId!), projectId }));
    people.push(mapJiraPerson(context.source, worklog.author));
  }
  return { people: context.people.admit(people), timeEntries, quarantined: context.bin.drain() };
}

/** Just enough of an issue to place a worklog: its id and project. */
const IssueProjectSchema = z.object({ id: JiraIssueSchema.shape.id, fields: z.object({ project: z.object({ id: JiraIssueSchema.shape.id }) }) });

/** Adds the project of each unknown issue to `seen.projectOf`, 100 issues per search. */
async function learnProjects(context: WorklogChangeContext, issueIds: readonly string[]): Promise<void> {
  const unknown = [...new Set(issueIds)].filter((id) => !context.seen.projectOf.has(id));
  for (let at = 0; at < unknown.length; at += pageSize.issues) {
    const jql = scopedJql(context.configJql, `id in (${unknown.slice(at, at + pageSize.issues).join(', ')})`);
    for await (const page of context.client.issuePages(jql, ['project'])) {
      for (const raw of page) {
        const issue = IssueProjectSchema.safeParse(raw);
        if (issue.success) context.seen.projectOf.set(issue.data.id, recordId(context.source, issue.data.fields.project.id));
      }
    }
  }
}
