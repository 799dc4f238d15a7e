import type { DemoPerson, DemoTask, DemoWorklog } from '../generator/index.ts';
import type { ApiReply, ApiRequest } from './http-kit.ts';
import type { JiraIndex } from './jira-index.ts';
import { pageParams } from './jira-paging.ts';
import { renderWorklog } from './jira-render.ts';
import { INVALID_PAYLOAD, jiraError, parseJiraBody } from './jira-search.ts';

/**
 * Worklogs outside an issue: the change feeds `/worklog/updated` and `/worklog/deleted`
 * (ids after `since`, 1000 a page, the last minute left out) and `POST /worklog/list`.
 */

const FEED_PAGE = 1000;
const LIST_MAX = 1000;
/** Jira leaves the last minute out of the feeds, so a page never ends inside a burst of writes. */
const SETTLE_MS = 60_000;

export interface FeedEntry {
  id: string;
  at: number;
}

export function worklogFeed(request: ApiRequest, entries: readonly FeedEntry[], now: Date, kind: 'updated' | 'deleted'): ApiReply {
  const sinceText = request.query.get('since') ?? '0';
  const since = Number(sinceText);
  if (!Number.isInteger(since) || since < 0) return jiraError(400, `The value '${sinceText}' is invalid for since.`);
  const cutoff = now.getTime() - SETTLE_MS;
  const page = entries.filter((entry) => entry.at > since && entry.at <= cutoff).slice(0, FEED_PAGE);
  const lastPage = page.length < FEED_PAGE;
  const until = page.length ? page[page.length - 1]!.at : since;
  const self = `${request.origin}/rest/api/3/worklog/${kind}?since=${since}`;
  return {
    status: 200,
    body: {
      values: page.map((entry) => ({ worklogId: Number(entry.id), updatedTime: entry.at, properties: [] })),
      since,
      until,
      self,
      ...(lastPage ? {} : { nextPage: `${request.origin}/rest/api/3/worklog/${kind}?since=${until}` }),
      lastPage,
    },
  };
}

/** `POST /worklog/list {ids}`: the worklogs that exist among the ids, in no promised order. */
export function listWorklogsById(index: JiraIndex, request: ApiRequest): ApiReply {
  const parsed = parseJiraBody(request.body);
  if (parsed === undefined) return jiraError(400, INVALID_PAYLOAD);
  const ids = parsed['ids'];
  if (!Array.isArray(ids)) return jiraError(400, 'ids: must be a list of worklog ids.');
  if (ids.length > LIST_MAX) return jiraError(400, `The number of worklog IDs must not exceed ${LIST_MAX}.`);
  const found = ids.map((id) => index.worklogById.get(String(id))).filter((hit) => hit !== undefined);
  return { status: 200, body: found.map(({ task, log }) => renderWorklog(request.origin, task, log, index.people.get(log.personId) as DemoPerson)) };
}

/** `/issue/{id}/worklog`: all worklogs, oldest first, optionally only those started in a window. */
export function listIssueWorklogs(index: JiraIndex, request: ApiRequest, task: DemoTask): ApiReply {
  const page = pageParams(request.query, 5000, 5000);
  if (typeof page === 'string') return jiraError(400, page);
  const after = Number(request.query.get('startedAfter') ?? Number.NEGATIVE_INFINITY);
  const before = Number(request.query.get('startedBefore') ?? Number.POSITIVE_INFINITY);
  if (Number.isNaN(after) || Number.isNaN(before)) return jiraError(400, 'startedAfter and startedBefore are epoch milliseconds.');
  const logs = (index.worklogs.get(task.id) ?? []).filter((log: DemoWorklog) => log.startedAt >= after && log.startedAt <= before);
  return {
    status: 200,
    body: {
      startAt: page.startAt,
      maxResults: page.maxResults,
      total: logs.length,
      worklogs: logs
        .slice(page.startAt, page.startAt + page.maxResults)
        .map((log) => renderWorklog(request.origin, task, log, index.people.get(log.personId) as DemoPerson)),
    },
  };
}
