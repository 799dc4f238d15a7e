import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCredentials, generateOrg } from '../../demo/generator/index.ts';
import { startAsanaServer, startJiraServer, type RunningServer } from '../../demo/servers/index.ts';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy.ts';
import { vendorContract } from './vendor-contracts.ts';

/**
 * The demo servers' refusals, which no healthy sync provokes: each is a status the operation
 * declares, and where the vendor gives the error a schema (Asana's ErrorResponse) the body fits it.
 */

const org = generateOrg({ seed: 7, scale: 'small', asOf: '2026-03-31' });
const jiraAuth = `Basic ${Buffer.from(`${demoCredentials.jira.email}:${demoCredentials.jira.token}`).toString('base64')}`;
const asanaAuth = `Bearer ${demoCredentials.asana.token}`;
const asanaProject = org.projects.find((project) => project.system === 'asana')!.sourceId;

describe('the demo servers refuse bad requests the way the vendors declare', () => {
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

  it('Jira: a wrong token, an empty JQL and an unknown issue answer 401, 400 and 404', async () => {
    const proxy = proxies.jira!;
    const statuses = [
      (await fetch(`${proxy.url}/rest/api/3/myself`, { headers: { authorization: 'Basic bm9wZQ==' } })).status,
      (await fetch(`${proxy.url}/rest/api/3/search/jql?jql=`, { headers: { authorization: jiraAuth } })).status,
      (await fetch(`${proxy.url}/rest/api/3/issue/NOPE-1/worklog`, { headers: { authorization: jiraAuth } })).status,
    ];
    expect(statuses).toEqual([401, 400, 404]);
    const contract = vendorContract('jira');
    expect(proxy.exchanges.flatMap((exchange) => contract.check(exchange))).toEqual([]);
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
    const findings = proxy.exchanges.flatMap((exchange) => contract.check(exchange));
    expect(findings.map((finding) => `${finding.kind}: ${finding.message}`)).toEqual(['query: limit=500: limit 500 is above the maximum 100']);
    // The check is not vacuous: the same answers without their `errors` list would fail it.
    const broken = proxy.exchanges.map((exchange) => ({ ...exchange, response: { errors: 'Not Authorized' } }));
    expect(broken.flatMap((exchange) => contract.check(exchange)).filter((finding) => finding.kind === 'response')).toHaveLength(3);
  });
});
