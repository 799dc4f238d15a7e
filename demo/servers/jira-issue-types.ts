import type { ApiReply, ApiRequest } from './http-kit.ts';

/** `GET /rest/api/3/issuetype`: the issue types the demo's issues use, as Jira lists them. */
export const issueTypeIds = { Story: '10001', Task: '10002', Bug: '10004', Milestone: '10005' } as const;

export function listIssueTypes(request: ApiRequest): ApiReply {
  const body = Object.entries(issueTypeIds).map(([name, id]) => ({
    self: `${request.origin}/rest/api/3/issuetype/${id}`, id, name, description: '', subtask: false, hierarchyLevel: 0,
  }));
  return { status: 200, body };
}
