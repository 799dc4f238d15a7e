import * as z from 'zod';
import { recordId, type Person, type TimeEntry } from '../../domain/index.ts';
import type { RecordBatch } from '../kit/connector.ts';
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

/** Yields the changed and deleted worklogs; returns the next worklog cursor (epoch ms). */
export async function* readWorklogChanges(context: WorklogChangeContext, since: number): AsyncGenerator<RecordBatch, number, void> {
  let until = since;
  for await (const page of context.client.worklogsUpdated(since)) {
    const fresh = page.ids.filter((id) => !context.seen.worklogs.has(id));
    for (let at = 0; at < fresh.length; at += pageSize.worklogList) {
      yield await mapWorklogs(context, await context.client.worklogList(fresh.slice(at, at + pageSize.worklogList)));
    }
    until = Math.max(until, page.until);
  }
  for await (const page of context.client.worklogsDeleted(since)) {
    if (page.ids.length) yield { deletions: [{ kind: 'timeEntry', ids: page.ids.map((id) => recordId(context.source, id)) }] };
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
