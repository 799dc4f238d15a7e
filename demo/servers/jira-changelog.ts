import type { DemoPerson, DemoReplan, DemoStatusChange, DemoTask, WorkflowStatus } from '../generator/index.ts';
import type { ApiReply, ApiRequest } from './http-kit.ts';
import type { JiraIndex } from './jira-index.ts';
import { pageParams } from './jira-paging.ts';
import { jiraTime, renderStatus, renderUser, statusId } from './jira-render.ts';
import { INVALID_PAYLOAD, jiraError, parseJiraBody } from './jira-search.ts';
import { decodeToken, encodeToken } from './http-kit.ts';

const workflow: WorkflowStatus[] = ['To Do', 'In Progress', 'In Review', 'Blocked', 'Done'];
const BULK_MAX_ISSUES = 1000;
const BULK_DEFAULT = 1000;
const BULK_MAX = 10000;

/** `/status`: every status of the site with its category. */
export function listStatuses(request: ApiRequest): ApiReply {
  return { status: 200, body: workflow.map((status) => renderStatus(request.origin, status)) };
}

type Item = Record<string, unknown> & { fieldId: string };
type Entry = { id: string; at: number; authorId: string; items: Item[] };

/** A status move, with the resolution and assignee items Jira records beside it (no resolution where the workflow sets none). */
function statusEntry(index: JiraIndex, task: DemoTask, change: DemoStatusChange): Entry {
  const items: Item[] = [
    { field: 'status', fieldtype: 'jira', fieldId: 'status', from: statusId(change.from), fromString: change.from, to: statusId(change.to), toString: change.to },
  ];
  const setsResolution = !index.projectsById.get(task.projectId)?.setsNoResolution;
  if (setsResolution && change.to === 'Done') items.push({ field: 'resolution', fieldtype: 'jira', fieldId: 'resolution', from: null, fromString: null, to: '10000', toString: 'Done' });
  if (change.assigneeTo) {
    const to = index.people.get(change.assigneeTo) as DemoPerson;
    items.push({ field: 'assignee', fieldtype: 'jira', fieldId: 'assignee', from: null, fromString: null, to: to.jiraAccountId, toString: to.name, tmpFromAccountId: null, tmpToAccountId: to.jiraAccountId });
  }
  return { id: change.id, at: change.at, authorId: change.authorId, items };
}

/** A plan edit: `duedate` values are days (the strings add Jira's midnight), `timeoriginalestimate` seconds. */
function replanEntry(replan: DemoReplan): Entry {
  const items: Item[] = [];
  const day = (value: string | null) => (value === null ? null : `${value} 00:00:00.0`);
  if (replan.due) items.push({ field: 'duedate', fieldtype: 'jira', fieldId: 'duedate', from: replan.due.from, fromString: day(replan.due.from), to: replan.due.to, toString: day(replan.due.to) });
  const seconds = (hours: number | null) => (hours === null ? null : String(Math.round(hours * 3600)));
  if (replan.estimate) {
    const { from, to } = replan.estimate;
    items.push({ field: 'timeoriginalestimate', fieldtype: 'jira', fieldId: 'timeoriginalestimate', from: seconds(from), fromString: seconds(from), to: seconds(to), toString: seconds(to) });
  }
  return { id: replan.id, at: replan.at, authorId: replan.authorId, items };
}

/** Every history entry of a task, oldest first, with only the items of `fieldIds` (all when empty); entries left empty are dropped. */
function historiesOf(index: JiraIndex, task: DemoTask, fieldIds: readonly string[]): Entry[] {
  const entries = [...task.history.map((change) => statusEntry(index, task, change)), ...(task.replans ?? []).map(replanEntry)];
  entries.sort((a, b) => a.at - b.at || Number(a.id) - Number(b.id));
  if (fieldIds.length === 0) return entries;
  return entries.map((entry) => ({ ...entry, items: entry.items.filter((item) => fieldIds.includes(item.fieldId)) })).filter((entry) => entry.items.length > 0);
}

function renderHistory(index: JiraIndex, origin: string, entry: Entry): unknown {
  return { id: entry.id, author: renderUser(origin, index.people.get(entry.authorId) as DemoPerson), created: jiraTime(entry.at), items: entry.items };
}

/** `/issue/{id}/changelog`, paged by `startAt`. */
export function listChangelog(index: JiraIndex, request: ApiRequest, task: DemoTask): ApiReply {
  const page = pageParams(request.query, 100, 100);
  if (typeof page === 'string') return jiraError(400, page);
  const histories = historiesOf(index, task, []);
  const values = histories.slice(page.startAt, page.startAt + page.maxResults).map((entry) => renderHistory(index, request.origin, entry));
  return {
    status: 200,
    body: {
      self: `${request.origin}/rest/api/3/issue/${task.sourceId}/changelog?maxResults=${page.maxResults}&startAt=${page.startAt}`,
      maxResults: page.maxResults,
      startAt: page.startAt,
      total: histories.length,
      isLast: page.startAt + page.maxResults >= histories.length,
      values,
    },
  };
}

interface BulkInput {
  issueIdsOrKeys: string[];
  fieldIds: string[];
  maxResults: number;
  nextPageToken?: string;
}

/**
 * `POST /changelog/bulkfetch`: histories of up to 1000 issues, paged over histories by an opaque
 * `nextPageToken`; `fieldIds` keeps only the items of those fields (entries left empty are dropped).
 */
export function bulkFetchChangelogs(index: JiraIndex, request: ApiRequest): ApiReply {
  const input = readBulkInput(request.body);
  if (typeof input === 'string') return jiraError(400, input);
  const tasks = input.issueIdsOrKeys.map((idOrKey) => index.issues.get(idOrKey)).filter((task): task is DemoTask => task !== undefined);
  const rows = tasks.flatMap((task) => historiesOf(index, task, input.fieldIds).map((entry) => ({ task, entry })));
  const fingerprint = JSON.stringify([input.issueIdsOrKeys, input.fieldIds]);
  const start = input.nextPageToken === undefined ? 0 : decodeToken(input.nextPageToken, fingerprint);
  if (start === undefined) return jiraError(400, 'The provided next page token is invalid or expired.');
  const page = rows.slice(start, start + input.maxResults);
  const logs = new Map<string, unknown[]>();
  for (const { task, entry } of page) logs.set(task.sourceId, [...(logs.get(task.sourceId) ?? []), renderHistory(index, request.origin, entry)]);
  const end = start + page.length;
  return {
    status: 200,
    body: {
      issueChangeLogs: [...logs].map(([issueId, changeHistories]) => ({ issueId, changeHistories })),
      ...(end < rows.length ? { nextPageToken: encodeToken(end, fingerprint) } : {}),
    },
  };
}

function readBulkInput(body: string): BulkInput | string {
  const parsed = parseJiraBody(body);
  if (parsed === undefined) return INVALID_PAYLOAD;
  const ids = parsed['issueIdsOrKeys'];
  if (!Array.isArray(ids) || ids.length === 0) return 'issueIdsOrKeys must not be empty.';
  if (ids.length > BULK_MAX_ISSUES) return `issueIdsOrKeys must not contain more than ${BULK_MAX_ISSUES} issues.`;
  const maxResults = parsed['maxResults'] === undefined ? BULK_DEFAULT : Number(parsed['maxResults']);
  if (!Number.isInteger(maxResults) || maxResults < 1) return `The value '${String(parsed['maxResults'])}' is invalid for maxResults.`;
  const fieldIds = Array.isArray(parsed['fieldIds']) ? parsed['fieldIds'].map(String) : [];
  const token = parsed['nextPageToken'];
  return {
    issueIdsOrKeys: ids.map(String),
    fieldIds,
    maxResults: Math.min(BULK_MAX, maxResults),
    ...(typeof token === 'string' && token !== '' ? { nextPageToken: token } : {}),
  };
}
