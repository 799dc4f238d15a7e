import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCredentials, generateOrg } from '../../demo/generator/index.ts';
import { startAsanaServer, startJiraServer, type RunningServer } from '../../demo/servers/index.ts';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy.ts';
import { vendorContract } from './vendor-contracts.ts';

/**
 * The demo servers' answers that no sync of the conformance suite provokes: their refusals, each a
 * status the operation declares, with the vendor's error schema where it gives one (Asana's
 * ErrorResponse); and the calls they serve that the connectors do not make (or make only when the
 * data changes between syncs), which must validate like the rest.
 */

const org = generateOrg({ seed: 7, scale: 'small', asOf: '2026-03-31' });
const jiraAuth = `Basic ${Buffer.from(`${demoCredentials.jira.email}:${demoCredentials.jira.token}`).toString('base64')}`;
const asanaAuth = `Bearer ${demoCredentials.asana.token}`;
const asanaProject = org.projects.find((project) => project.system === 'asana')!.sourceId;
const jiraProject = org.projects.find((project) => project.system === 'jira')!;
const jiraTasks = org.tasks.filter((task) => task.projectId === jiraProject.id);
const jiraWorklogIds = org.worklogs.filter((log) => jiraTasks.some((task) => task.id === log.taskId)).slice(0, 5).map((log) => Number(log.id));

describe('the demo servers beyond what the syncs ask', () => {
  const servers: RunningServer[] = [];
  const proxies: Record<'jira' | 'asana', RecordingProxy | undefined> = { jira: undefined, asana: undefined };
  beforeAll(async () => {
    servers.push(await startJiraServer(org), await startAsanaServer(org));
    proxies.jira = await startRecordingProxy(servers[0]!.url);
    proxies.asana = await startRecordingProxy(servers[1]!.url);
  });
  afterAll(async () => {
    await Promise.all([proxies.jira?.close(), proxies.asana?.close()]);
    await Promise.all(servers.map((server) => server.close()));
  });

  it('Jira: the worklog list, an issue changelog and the POST search validate against the document', async () => {
    const proxy = proxies.jira!;
    const from = proxy.exchanges.length;
    const json = { authorization: jiraAuth, 'content-type': 'application/json' };
    const statuses = [
      (await fetch(`${proxy.url}/rest/api/3/worklog/list`, { method: 'POST', headers: json, body: JSON.stringify({ ids: jiraWorklogIds }) })).status,
      (await fetch(`${proxy.url}/rest/api/3/issue/${jiraTasks[0]!.sourceId}/changelog?startAt=0&maxResults=50`, { headers: json })).status,
      (await fetch(`${proxy.url}/rest/api/3/search/jql`, { method: 'POST', headers: json, body: JSON.stringify({ jql: `project in (${jiraProject.key})`, fields: ['summary', 'status', 'assignee', 'worklog'], maxResults: 5 }) })).status,
    ];
    expect(jiraWorklogIds).toHaveLength(5);
    expect(statuses).toEqual([200, 200, 200]);
    const exchanges = proxy.exchanges.slice(from);
    expect((exchanges[0]!.response as unknown[]).length).toBe(5);
    const contract = vendorContract('jira');
    expect(exchanges.flatMap((exchange) => contract.check(exchange))).toEqual([]);
  });

  it('Asana: the unpaged workspace users and a project task listing validate against the document', async () => {
    const proxy = proxies.asana!;
    const from = proxy.exchanges.length;
    const statuses = [
      (await fetch(`${proxy.url}/workspaces/${org.company.asanaWorkspaceGid}/users?opt_fields=name,email`, { headers: { authorization: asanaAuth } })).status,
      (await fetch(`${proxy.url}/projects/${asanaProject}/tasks?limit=5&opt_fields=name,assignee.email,memberships.section.name`, { headers: { authorization: asanaAuth } })).status,
    ];
    expect(statuses).toEqual([200, 200]);
    const contract = vendorContract('asana');
    expect(proxy.exchanges.slice(from).flatMap((exchange) => contract.check(exchange))).toEqual([]);
  });

  it('Jira: a wrong token, an empty JQL and an unknown issue answer 401, 400 and 404', async () => {
    const proxy = proxies.jira!;
    const statuses = [
      (await fetch(`${proxy.url}/rest/api/3/myself`, { headers: { authorization: 'Basic bm9wZQ==' } })).status,
      (await fetch(`${proxy.url}/rest/api/3/search/jql?jql=`, { headers: { authorization: jiraAuth } })).status,
      (await fetch(`${proxy.url}/rest/api/3/issue/NOPE-1/worklog`, { headers: { authorization: jiraAuth } })).status,
    ];
    expect(statuses).toEqual([401, 400, 404]);
    const contract = vendorContract('jira');
    expect(proxy.exchanges.slice(-3).flatMap((exchange) => contract.check(exchange))).toEqual([]);
  });

  it('Asana: a wrong token, a bad limit and an unknown task answer 401, 400 and 404 with an ErrorResponse', async () => {
    const proxy = proxies.asana!;
    const statuses = [
      (await fetch(`${proxy.url}/users/me`, { headers: { authorization: 'Bearer nope' } })).status,
      (await fetch(`${proxy.url}/tasks?project=${asanaProject}&limit=500`, { headers: { authorization: asanaAuth } })).status,
      (await fetch(`${proxy.url}/tasks/404404/time_tracking_entries?limit=10`, { headers: { authorization: asanaAuth } })).status,
    ];
    expect(statuses).toEqual([401, 400, 404]);
    const contract = vendorContract('asana');
    // The bad limit is a bad request by the document too; the answers themselves are all declared.
    const findings = proxy.exchanges.slice(-3).flatMap((exchange) => contract.check(exchange));
    expect(findings.map((finding) => `${finding.kind}: ${finding.message}`)).toEqual(['query: limit=500: limit 500 is above the maximum 100']);
    // The check is not vacuous: the same answers without their `errors` list would fail it.
    const broken = proxy.exchanges.slice(-3).map((exchange) => ({ ...exchange, response: { errors: 'Not Authorized' } }));
    expect(broken.flatMap((exchange) => contract.check(exchange)).filter((finding) => finding.kind === 'response')).toHaveLength(3);
  });
});
