import type { DemoPerson, DemoStatusChange, DemoTask, WorkflowStatus } from '../generator/index.ts';
import type { ApiReply, ApiRequest } from './http-kit.ts';
import type { JiraIndex } from './jira-index.ts';
import { pageParams } from './jira-paging.ts';
import { jiraTime, renderStatus, renderUser, statusId } from './jira-render.ts';
import { jiraError } from './jira-search.ts';
import { decodeToken, encodeToken } from './http-kit.ts';

const workflow: WorkflowStatus[] = ['To Do', 'In Progress', 'In Review', 'Blocked', 'Done'];
const BULK_MAX_ISSUES = 1000;
const BULK_DEFAULT = 1000;
const BULK_MAX = 10000;

/** `/status`: every status of the site with its category. */
export function listStatuses(request: ApiRequest): ApiReply {
  return { status: 200, body: workflow.map((status) => renderStatus(request.origin, status)) };
}

/** One history entry: the status move, with the resolution and assignee items Jira records beside it. */
function renderHistory(index: JiraIndex, origin: string, change: DemoStatusChange, onlyStatus: boolean): unknown {
  const items: unknown[] = [
    { field: 'status', fieldtype: 'jira', fieldId: 'status', from: statusId(change.from), fromString: change.from, to: statusId(change.to), toString: change.to },
  ];
  if (!onlyStatus && change.to === 'Done') items.push({ field: 'resolution', fieldtype: 'jira', fieldId: 'resolution', from: null, fromString: null, to: '10000', toString: 'Done' });
  if (!onlyStatus && change.assigneeTo) {
    const to = index.people.get(change.assigneeTo) as DemoPerson;
    items.push({ field: 'assignee', fieldtype: 'jira', fieldId: 'assignee', from: null, fromString: null, to: to.jiraAccountId, toString: to.name, tmpFromAccountId: null, tmpToAccountId: to.jiraAccountId });
  }
  return { id: change.id, author: renderUser(origin, index.people.get(change.authorId) as DemoPerson), created: jiraTime(change.at), items };
}

/** `/issue/{id}/changelog`, paged by `startAt`. */
export function listChangelog(index: JiraIndex, request: ApiRequest, task: DemoTask): ApiReply {
  const page = pageParams(request.query, 100, 100);
  if (typeof page === 'string') return jiraError(400, page);
  const values = task.history.slice(page.startAt, page.startAt + page.maxResults).map((change) => renderHistory(index, request.origin, change, false));
  return {
    status: 200,
    body: {
      self: `${request.origin}/rest/api/3/issue/${task.sourceId}/changelog?maxResults=${page.maxResults}&startAt=${page.startAt}`,
      maxResults: page.maxResults,
      startAt: page.startAt,
      total: task.history.length,
      isLast: page.startAt + page.maxResults >= task.history.length,
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
  const onlyStatus = input.fieldIds.length > 0;
  if (onlyStatus && !input.fieldIds.includes('status')) return { status: 200, body: { issueChangeLogs: [] } };
  const rows = tasks.flatMap((task) => task.history.map((change) => ({ task, change })));
  const fingerprint = JSON.stringify([input.issueIdsOrKeys, input.fieldIds]);
  const start = input.nextPageToken === undefined ? 0 : decodeToken(input.nextPageToken, fingerprint);
  if (start === undefined) return jiraError(400, 'The provided next page token is invalid or expired.');
  const page = rows.slice(start, start + input.maxResults);
  const logs = new Map<string, unknown[]>();
  for (const { task, change } of page) logs.set(task.sourceId, [...(logs.get(task.sourceId) ?? []), renderHistory(index, request.origin, change, onlyStatus)]);
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
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(body || '{}') as Record<string, unknown>;
  } catch {
    return 'Invalid request payload. Refer to the REST API documentation and try again.';
  }
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
