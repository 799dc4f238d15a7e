import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCredentials, generateOrg } from '../../demo/generator/index.ts';
import type { DemoTask } from '../../demo/generator/index.ts';
import { startJiraServer } from '../../demo/servers/jira-server.ts';
import type { RunningServer } from '../../demo/servers/http-kit.ts';

const org = generateOrg({ seed: 11, scale: 'small', asOf: '2026-03-31' });
const jiraProjects = org.projects.filter((project) => project.system === 'jira');
const jiraProjectIds = new Set(jiraProjects.map((project) => project.id));
const jiraTasks = org.tasks.filter((task) => jiraProjectIds.has(task.projectId));
const basic = `Basic ${Buffer.from(`${demoCredentials.jira.email}:${demoCredentials.jira.token}`).toString('base64')}`;

interface SearchPage {
  issues: { id: string; key?: string; fields?: Record<string, unknown> }[];
  nextPageToken?: string;
}

describe('startJiraServer', () => {
  let server: RunningServer;
  const get = async (path: string, authorization = basic) => {
    const response = await fetch(`${server.url}${path}`, { headers: { authorization } });
    return { status: response.status, headers: response.headers, body: (await response.json()) as any };
  };
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as any };
  };
  const search = (jql: string, extra = '') => get(`/rest/api/3/search/jql?jql=${encodeURIComponent(jql)}${extra}`);

  beforeAll(async () => {
    server = await startJiraServer(org);
  });
  afterAll(() => server.close());

  it('pages through every issue exactly once by nextPageToken', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    let last: SearchPage;
    do {
      const page = await post('/rest/api/3/search/jql', { jql: 'updated >= 0 ORDER BY updated ASC', maxResults: 100, ...(token ? { nextPageToken: token } : {}) });
      expect(page.status).toBe(200);
      last = page.body as SearchPage;
      seen.push(...last.issues.map((issue) => issue.id));
      token = last.nextPageToken;
      pages += 1;
    } while (token);
    expect('nextPageToken' in last).toBe(false);
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(new Set(jiraTasks.map((task) => task.sourceId)));
    expect(pages).toBe(Math.ceil(jiraTasks.length / 100));
  });

  it('returns 50 issues by default and caps maxResults at 100 when fields are asked for, at 5000 for ids only', async () => {
    expect((await search('updated >= 0')).body.issues).toHaveLength(50);
    expect((await search('updated >= 0', '&maxResults=500&fields=summary')).body.issues).toHaveLength(100);
    const ids = await search('updated >= 0', '&maxResults=9000');
    expect(ids.body.issues).toHaveLength(Math.min(5000, jiraTasks.length));
    expect(Object.keys(ids.body.issues[0])).toEqual(['id']);
  });

  it('answers 401 without or with wrong credentials', async () => {
    const missing = await fetch(`${server.url}/rest/api/3/myself`);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as any).errorMessages).toHaveLength(1);
    const wrong = `Basic ${Buffer.from(`${demoCredentials.jira.email}:nope`).toString('base64')}`;
    expect((await get('/rest/api/3/myself', wrong)).status).toBe(401);
    expect((await get('/rest/api/3/myself')).body.emailAddress).toBe(demoCredentials.jira.email);
  });

  it('answers 400 on an empty or unknown JQL and 410 on the removed search', async () => {
    expect((await search('')).status).toBe(400);
    expect((await post('/rest/api/3/search/jql', { jql: '' })).status).toBe(400);
    expect((await search('assignee = currentUser()')).status).toBe(400);
    expect((await search('project in (NOPE)')).body.errorMessages[0]).toContain("'NOPE' does not exist");
    expect((await get('/rest/api/3/search?jql=updated%3E%3D0')).status).toBe(410);
  });

  it('returns only ids without fields and only the named fields with them', async () => {
    const bare = await search('updated >= 0', '&maxResults=3');
    expect(bare.body.issues.map((issue: object) => Object.keys(issue))).toEqual([['id'], ['id'], ['id']]);
    const named = await search('updated >= 0', '&maxResults=3&fields=summary,status,customfield_10016');
    const issue = named.body.issues[0];
    expect(Object.keys(issue.fields).sort()).toEqual(['customfield_10016', 'status', 'summary']);
    expect(['new', 'indeterminate', 'done']).toContain(issue.fields.status.statusCategory.key);
    expect(issue.key).toMatch(/^[A-Z0-9]+-\d+$/);
  });

  it('filters by project and updated time as the JQL says', async () => {
    const project = jiraProjects[0]!;
    const since = org.now - 30 * 86_400_000;
    const expected = jiraTasks.filter((task) => task.projectId === project.id && task.updatedAt >= since).length;
    const page = await search(`project in (${project.key}) AND updated >= ${since} ORDER BY key ASC`, '&maxResults=100&fields=project,updated');
    const ids = page.body.issues.map((issue: { id: string }) => issue.id);
    expect(ids.length).toBe(Math.min(100, expected));
    expect(page.body.issues.every((issue: any) => issue.fields.project.key === project.key)).toBe(true);
  });

  it('embeds at most 20 worklogs with the true total, and lists them all per issue', async () => {
    const counts = new Map<string, number>();
    for (const log of org.worklogs) counts.set(log.taskId, (counts.get(log.taskId) ?? 0) + 1);
    const busy = jiraTasks.find((task) => (counts.get(task.id) ?? 0) > 20) as DemoTask;
    const total = counts.get(busy.id) as number;
    const project = org.projects.find((candidate) => candidate.id === busy.projectId)!;
    let token: string | undefined;
    let found: any;
    do {
      const page = await post('/rest/api/3/search/jql', { jql: `project in (${project.key})`, maxResults: 100, fields: ['worklog', 'timespent'], ...(token ? { nextPageToken: token } : {}) });
      found = page.body.issues.find((issue: { id: string }) => issue.id === busy.sourceId) ?? found;
      token = page.body.nextPageToken;
    } while (token);
    expect(found.fields.worklog.total).toBe(total);
    expect(found.fields.worklog.worklogs).toHaveLength(20);
    const all = await get(`/rest/api/3/issue/${busy.key}/worklog`);
    expect(all.body.total).toBe(total);
    expect(all.body.worklogs).toHaveLength(total);
    const seconds = all.body.worklogs.reduce((sum: number, log: any) => sum + log.timeSpentSeconds, 0);
    expect(seconds).toBe(Math.round(busy.spentHours * 3600));
    expect(found.fields.timespent).toBe(seconds);
    const second = await get(`/rest/api/3/issue/${busy.sourceId}/worklog?startAt=20&maxResults=5`);
    expect(second.body.worklogs.map((log: any) => log.id)).toEqual(all.body.worklogs.slice(20, 25).map((log: any) => log.id));
  });

  it('pages projects by startAt and shows the lead only with expand=lead', async () => {
    const first = await get('/rest/api/3/project/search?maxResults=4');
    expect(first.body).toMatchObject({ startAt: 0, maxResults: 4, total: jiraProjects.length, isLast: false });
    expect(first.body.values.every((project: object) => !('lead' in project))).toBe(true);
    const rest = await get('/rest/api/3/project/search?startAt=4&maxResults=4&expand=lead');
    expect(rest.body.isLast).toBe(true);
    const keys = [...first.body.values, ...rest.body.values].map((project: any) => project.key);
    expect(keys.sort()).toEqual(jiraProjects.map((project) => project.key).sort());
    const withLead = rest.body.values[0];
    const demoProject = jiraProjects.find((project) => project.key === withLead.key)!;
    // The lead is the PM unless the demo's ownership variation gave the project another lead.
    const lead = org.people.find((person) => person.id === (demoProject.ownership?.leadId ?? demoProject.pmId))!;
    expect(withLead.lead.accountId).toBe(lead.jiraAccountId);
    expect(['Growth', 'Platform', 'Operations', 'Internal Tools']).toContain(withLead.projectCategory.name);
  });

  it('lists status moves in the changelog and the story points field', async () => {
    const done = jiraTasks.find((task) => task.status === 'done')!;
    const changelog = await get(`/rest/api/3/issue/${done.sourceId}/changelog`);
    const moves = changelog.body.values.flatMap((entry: any) => entry.items.filter((item: any) => item.field === 'status'));
    expect(moves[0].fromString).toBe('To Do');
    expect(moves.at(-1).toString).toBe('Done');
    expect(changelog.body.total).toBe(done.history.length);
    const fields = await get('/rest/api/3/field');
    expect(fields.body.find((field: any) => field.name === 'Story Points').id).toBe('customfield_10016');
    expect(fields.body.find((field: any) => field.name === 'Story point estimate').id).toBe('customfield_10036');
  });
});

describe('startJiraServer with faults', () => {
  it('answers every Nth request with 429 and Retry-After', async () => {
    const server = await startJiraServer(org, { faults: { rateLimitEvery: 2, retryAfterSeconds: 7 } });
    try {
      const call = () => fetch(`${server.url}/rest/api/3/myself`, { headers: { authorization: basic } });
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        const response = await call();
        statuses.push(response.status);
        if (response.status === 429) expect(response.headers.get('retry-after')).toBe('7');
        await response.arrayBuffer();
      }
      expect(statuses).toEqual([200, 429, 200, 429]);
      expect(server.requests).toBe(4);
    } finally {
      await server.close();
    }
  });

  it('answers every Nth request with 503 when asked for server errors', async () => {
    const server = await startJiraServer(org, { faults: { serverErrorEvery: 3 } });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        const response = await fetch(`${server.url}/rest/api/3/field`, { headers: { authorization: basic } });
        statuses.push(response.status);
        await response.arrayBuffer();
      }
      expect(statuses).toEqual([200, 200, 503]);
    } finally {
      await server.close();
    }
  });
});
