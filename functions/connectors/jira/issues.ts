import type { Person, Task, TimeEntry } from '../../domain/index.ts';
import type { PeopleLedger } from '../kit/people.ts';
import type { QuarantineBin } from '../kit/quarantine.ts';
import type { RecordBatch } from '../kit/connector.ts';
import { readStatusChanges, type StatusCategories } from './changelog.ts';
import type { JiraClient } from './client.ts';
import { applyJiraFields, type JiraFieldIds } from './custom-fields.ts';
import { mapJiraIssue, mapJiraPerson, mapJiraWorklog, type WorklogOwner } from './map.ts';
import { JiraIssueSchema, JiraWorklogSchema, type JiraIssue } from './schema.ts';

/** One page of search results → one batch: tasks, their worklogs and status changes, and the people they name. */

export interface IssuePageContext {
  source: string;
  client: JiraClient;
  bin: QuarantineBin;
  people: PeopleLedger;
  /** The site's story-point field ids, in the order they are tried (story-points.ts). */
  storyPointsFields: readonly string[];
  /** The custom fields the source's `fields` names, resolved to ids. */
  fieldIds?: JiraFieldIds;
  categories: StatusCategories;
  /** What this sync has read so far: issue id → project record id, and worklog ids. */
  seen: SeenInSync;
}

export interface SeenInSync {
  projectOf: Map<string, string>;
  worklogs: Set<string>;
}

export interface IssuePageResult {
  batch: RecordBatch;
  /** Newest `updated` on the page, epoch ms, for the cursor. */
  newestUpdated: number | undefined;
}

export async function mapIssuePage(context: IssuePageContext, rawIssues: readonly unknown[]): Promise<IssuePageResult> {
  const { source, bin } = context;
  const mapped = rawIssues
    .map((raw) => bin.map('task', JiraIssueSchema, raw, (issue) => ({ issue, task: mapJiraIssue(source, issue, context.storyPointsFields) })))
    .filter(isDefined);
  const tasks: Task[] = mapped.map((pair) => pair.task);
  const valid: JiraIssue[] = mapped.map((pair) => pair.issue);
  // Worklogs beyond the embedded 20 and the page's changelogs are fetched side by side; the HTTP client bounds how many at once.
  const [worklogLists, statusChanges] = await Promise.all([
    Promise.all(valid.map((issue) => issueWorklogs(context, issue))),
    readStatusChanges(context, tasks),
  ]);
  const timeEntries: TimeEntry[] = [];
  const people: Array<Person | undefined> = [];
  valid.forEach((issue, index) => {
    const owner: WorklogOwner = { taskId: tasks[index]!.id, projectId: tasks[index]!.projectId };
    context.seen.projectOf.set(issue.id, owner.projectId);
    if (issue.fields.assignee) people.push(mapJiraPerson(source, issue.fields.assignee));
    if (context.fieldIds) people.push(applyJiraFields(source, tasks[index]!, issue, context.fieldIds));
    for (const raw of worklogLists[index] ?? []) {
      const entry = bin.map('timeEntry', JiraWorklogSchema, raw, (worklog) => {
        people.push(mapJiraPerson(source, worklog.author));
        return mapJiraWorklog(source, worklog, owner);
      });
      if (entry) {
        context.seen.worklogs.add(entry.sourceId);
        timeEntries.push(entry);
      }
    }
  });
  const batch: RecordBatch = { people: context.people.admit(people), tasks, timeEntries, statusChanges, quarantined: bin.drain() };
  return { batch, newestUpdated: newest(tasks) };
}

async function issueWorklogs(context: IssuePageContext, issue: JiraIssue): Promise<unknown[]> {
  const embedded = issue.fields.worklog;
  if (!embedded) return [];
  if (embedded.total <= embedded.worklogs.length) return embedded.worklogs;
  return context.client.worklogs(issue.id);
}

function newest(tasks: readonly Task[]): number | undefined {
  let max: number | undefined;
  for (const task of tasks) {
    const at = Date.parse(task.updatedAt);
    if (max === undefined || at > max) max = at;
  }
  return max;
}

export function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
