import { afterEach, describe, expect, it } from 'vitest';
import { listen, sendJson, type Listening } from '../../demo/servers/listen.ts';
import type { Exchange, FindingKind } from './openapi-operations.ts';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy.ts';
import { vendorContract } from './vendor-contracts.ts';

/** The checker rejects what the vendors' documents do not allow, on the real extracts. */

const jira = vendorContract('jira');
const asana = vendorContract('asana');
const exchange = (method: string, path: string, query: [string, string][], status: number, response: unknown, body?: unknown): Exchange => ({
  method,
  path,
  query,
  status,
  response,
  ...(body === undefined ? {} : { body }),
});
const kinds = (findings: { kind: FindingKind }[]) => findings.map((finding) => finding.kind);
const changed = { values: [{ worklogId: 30001, updatedTime: 1772712000000 }], since: 0, until: 1772712000000, lastPage: true };
const statuses = [{ id: '3', name: 'In Progress', statusCategory: { id: 4, key: 'indeterminate', name: 'In Progress' } }];

describe('VendorContract', () => {
  it('finds nothing wrong with an exchange the document allows', () => {
    expect(jira.check(exchange('GET', '/rest/api/3/worklog/updated', [['since', '0']], 200, changed))).toEqual([]);
    const tasks = { data: [{ gid: '3001', name: 'Plan', assignee: { gid: '1001', email: 'a@example.com' }, due_on: null }], next_page: null };
    expect(asana.check(exchange('GET', '/api/1.0/tasks', [['project', '2001'], ['limit', '100'], ['opt_fields', 'name,assignee.email,due_on']], 200, tasks))).toEqual([]);
  });

  it('rejects a value of the wrong type in an answer', () => {
    const wrong = { ...changed, values: [{ worklogId: '30001', updatedTime: 1772712000000 }] };
    const findings = jira.check(exchange('GET', '/rest/api/3/worklog/updated', [['since', '0']], 200, wrong));
    expect(findings).toEqual([{ kind: 'response', operation: 'GET /rest/api/3/worklog/updated', message: '200 $.values[0].worklogId "30001" is not of type integer (ChangedWorklog)' }]);
  });

  it('rejects a property a closed schema does not declare, and reports one an open schema does not', () => {
    const extra = jira.check(exchange('GET', '/rest/api/3/myself', [], 200, { accountId: 'a', displayName: 'A', nickname: 'x' }));
    expect(extra.map((finding) => finding.message)).toEqual(['200 $.nickname "nickname" is not a property of User (additionalProperties: false)']);
    const open = asana.check(exchange('GET', '/api/1.0/users/me', [], 200, { data: { gid: '1', name: 'A', mood: 'fine' } }));
    expect(kinds(open)).toEqual(['undeclared-property']);
  });

  it('rejects an undeclared query parameter', () => {
    const findings = asana.check(exchange('GET', '/api/1.0/projects/2001/tasks', [['limit', '100'], ['modified_since', '2026-03-01T00:00:00.000Z']], 200, { data: [], next_page: null }));
    expect(findings).toEqual([{ kind: 'query', operation: 'GET /projects/{project_gid}/tasks', message: 'query parameter "modified_since" is not declared by the operation' }]);
    expect(kinds(jira.check(exchange('GET', '/rest/api/3/search/jql', [['jql', 'x'], ['startAt', '0']], 200, { issues: [] })))).toEqual(['query']);
  });

  it('rejects a query value that is not of the declared type, enum or field list', () => {
    expect(kinds(jira.check(exchange('GET', '/rest/api/3/search/jql', [['jql', 'x'], ['maxResults', 'many']], 200, { issues: [] })))).toEqual(['query']);
    expect(kinds(jira.check(exchange('GET', '/rest/api/3/project/search', [['status', 'gone']], 200, { values: [] })))).toEqual(['query']);
    expect(kinds(asana.check(exchange('GET', '/api/1.0/projects', [['workspace', '9'], ['archived', 'maybe']], 200, { data: [] })))).toEqual(['query']);
    const typo = asana.check(exchange('GET', '/api/1.0/tasks', [['project', '1'], ['opt_fields', 'name,assignee.emial']], 200, { data: [] }));
    expect(typo.map((finding) => finding.message)).toEqual(['opt_fields: "assignee.emial" is neither in the declared list nor a field of the answer (no "emial")']);
  });

  it('rejects a missing required query parameter', () => {
    expect(asana.check(exchange('GET', '/api/1.0/portfolios', [['owner', 'me']], 200, { data: [] })).map((finding) => finding.message)).toEqual([
      'required query parameter "workspace" is missing',
    ]);
  });

  it('rejects an unknown path, a path outside the base path and an undeclared method', () => {
    expect(kinds(jira.check(exchange('GET', '/rest/api/3/search/jqll', [], 200, {})))).toEqual(['unknown-path']);
    expect(kinds(jira.check(exchange('GET', '/rest/api/2/search/jql', [], 200, {})))).toEqual(['unknown-path']);
    expect(jira.check(exchange('GET', '/ex/jira/0b7c-cloud/rest/api/3/worklog/updated', [['since', '0']], 200, changed))).toEqual([]);
    expect(kinds(jira.check(exchange('GET', '/ex/jira/0b7c-cloud/_edge/tenant_info', [], 200, {})))).toEqual(['unknown-path']);
    expect(kinds(asana.check(exchange('GET', '/tasks', [], 200, {})))).toEqual(['unknown-path']);
    expect(kinds(jira.check(exchange('DELETE', '/rest/api/3/status', [], 200, statuses)))).toEqual(['method']);
  });

  it('rejects a request body of the wrong type, with undeclared keys or too many items', () => {
    const body = { issueIdsOrKeys: ['1'], fieldIds: ['status'], maxResults: '1000', expand: 'all' };
    const findings = jira.check(exchange('POST', '/rest/api/3/changelog/bulkfetch', [], 200, { issueChangeLogs: [] }, body));
    expect(findings.map((finding) => finding.message)).toEqual([
      '$.maxResults "1000" is not of type integer (BulkChangelogRequestBean)',
      '$.expand "expand" is not a property of BulkChangelogRequestBean (additionalProperties: false)',
    ]);
    const many = { issueIdsOrKeys: Array.from({ length: 1001 }, (_, index) => String(index)) };
    expect(jira.check(exchange('POST', '/rest/api/3/changelog/bulkfetch', [], 200, { issueChangeLogs: [] }, many)).map((finding) => finding.message)).toEqual([
      '$.issueIdsOrKeys 1001 items, at most 1000 allowed',
    ]);
    expect(kinds(jira.check(exchange('GET', '/rest/api/3/status', [], 200, statuses, { unexpected: true })))).toEqual(['body']);
  });

  it('rejects a status the operation does not declare', () => {
    expect(kinds(jira.check(exchange('GET', '/rest/api/3/status', [], 418, 'teapot')))).toEqual(['status']);
  });

  it("checks an issue's typed fields inside the free-form `fields` map", () => {
    const issue = { id: '1', key: 'A-1', fields: { status: { name: 7, statusCategory: { key: 'done' } }, duedate: '1 March', customfield_10016: 'anything' } };
    const findings = jira.check(exchange('GET', '/rest/api/3/search/jql', [['jql', 'x'], ['fields', 'status,duedate']], 200, { issues: [issue] }));
    expect(findings.map((finding) => finding.message)).toEqual(['$.issues[0].fields.status.name 7 is not of type string (StatusDetails)', '$.issues[0].fields.duedate "1 March" is not a date']);
  });
});

describe('startRecordingProxy', () => {
  let upstream: Listening | undefined;
  let proxy: RecordingProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    await upstream?.close();
  });

  it('hands a server answer that breaks the document to the checker unchanged', async () => {
    upstream = await listen((_incoming, _body, outgoing) => sendJson(outgoing, 200, [{ id: '3', name: 'In Progress', statusCategory: 'indeterminate' }], { 'retry-after': '1' }));
    proxy = await startRecordingProxy(upstream.origin);
    const answer = await fetch(`${proxy.url}/rest/api/3/status?expand=x`);
    expect(answer.headers.get('retry-after')).toBe('1');
    expect(await answer.json()).toEqual([{ id: '3', name: 'In Progress', statusCategory: 'indeterminate' }]);
    expect(proxy.exchanges).toHaveLength(1);
    const findings = jira.check(proxy.exchanges[0]!);
    expect(findings.map((finding) => finding.message)).toEqual([
      'query parameter "expand" is not declared by the operation',
      '200 $[0].statusCategory "indeterminate" is not of type object (StatusCategory)',
    ]);
  });
});
