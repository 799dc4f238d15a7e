import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCredentials, generateOrg } from '../../demo/generator/index.ts';
import { startJiraServer, type RunningJiraServer } from '../../demo/servers/jira-server.ts';

/**
 * The demo Jira can serve ids-only pages smaller than 5000 (as Jira may) and expire the page
 * tokens it handed out (as Jira answers a token it no longer takes), so a connector's listing can
 * be shown to span many pages and to survive a refused token.
 */
const org = generateOrg({ seed: 11, scale: 'small', asOf: '2026-03-31' });
const jiraProjects = new Set(org.projects.filter((project) => project.system === 'jira').map((project) => project.id));
const issueCount = org.tasks.filter((task) => jiraProjects.has(task.projectId)).length;
const basic = `Basic ${Buffer.from(`${demoCredentials.jira.email}:${demoCredentials.jira.token}`).toString('base64')}`;
const jql = encodeURIComponent('updated >= 0 ORDER BY created ASC');

describe('the demo Jira: small id pages and expired page tokens', () => {
  let server: RunningJiraServer;
  const search = async (extra = '', method: 'GET' | 'POST' = 'GET', token?: string) => {
    const response =
      method === 'GET'
        ? await fetch(`${server.url}/rest/api/3/search/jql?jql=${jql}&maxResults=5000${extra}`, { headers: { authorization: basic } })
        : await fetch(`${server.url}/rest/api/3/search/jql`, { method, headers: { authorization: basic, 'content-type': 'application/json' }, body: JSON.stringify({ jql: decodeURIComponent(jql), maxResults: 5000, nextPageToken: token }) });
    return { status: response.status, body: (await response.json()) as { issues?: { id: string }[]; nextPageToken?: string; errorMessages?: string[] } };
  };

  beforeAll(async () => {
    server = await startJiraServer(org, { maxIdPage: 7 });
  });
  afterAll(() => server.close());

  it('serves at most maxIdPage ids a page, every issue once over the pages', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await search(token ? `&nextPageToken=${token}` : '');
      expect(page.status).toBe(200);
      expect(page.body.issues!.length).toBeLessThanOrEqual(7);
      seen.push(...page.body.issues!.map((issue) => issue.id));
      token = page.body.nextPageToken;
    } while (token);
    expect(seen).toHaveLength(issueCount);
    expect(new Set(seen).size).toBe(issueCount);
  });

  it('refuses every token handed out before expirePageTokens, by GET or POST, and takes the ones handed out after', async () => {
    const old = (await search()).body.nextPageToken!;
    expect((await search(`&nextPageToken=${old}`)).status).toBe(200);
    server.expirePageTokens();
    for (const refused of [await search(`&nextPageToken=${old}`), await search('', 'POST', old)]) {
      expect(refused.status).toBe(400);
      expect(refused.body.errorMessages).toEqual(['The provided next page token is invalid or expired.']);
    }
    const fresh = (await search()).body.nextPageToken!;
    expect((await search(`&nextPageToken=${fresh}`)).status).toBe(200);
  });
});
