import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCredentials, generateOrg } from '../../demo/generator/index.ts';
import { startAsanaServer } from '../../demo/servers/asana-server.ts';
import type { RunningServer } from '../../demo/servers/http-kit.ts';

const org = generateOrg({ seed: 11, scale: 'small', asOf: '2026-03-31' });
const asanaProjects = org.projects.filter((project) => project.system === 'asana');
const asanaProjectIds = new Set(asanaProjects.map((project) => project.id));
const asanaTasks = org.tasks.filter((task) => asanaProjectIds.has(task.projectId));
const bearer = `Bearer ${demoCredentials.asana.token}`;
const taskCount = (projectId: string) => asanaTasks.filter((task) => task.projectId === projectId).length;
/** The Asana project with the most tasks: more than one page of 100. */
const biggest = [...asanaProjects].sort((a, b) => taskCount(b.id) - taskCount(a.id))[0]!;

describe('startAsanaServer', () => {
  let server: RunningServer;
  const get = async (path: string, authorization = bearer) => {
    const response = await fetch(`${server.url}${path}`, { headers: { authorization } });
    return { status: response.status, body: (await response.json()) as any };
  };
  const workspace = org.company.asanaWorkspaceGid;

  beforeAll(async () => {
    server = await startAsanaServer(org);
  });
  afterAll(() => server.close());

  it('serves under /api/1.0 and names the workspace of the token user', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/1\.0$/);
    const me = await get('/users/me');
    expect(me.body.data.workspaces).toEqual([{ gid: workspace, resource_type: 'workspace', name: 'Northwind Labs' }]);
  });

  it('pages every task of every project once by next_page.offset', async () => {
    const seen: string[] = [];
    for (const project of asanaProjects) {
      let path: string | null = `/projects/${project.sourceId}/tasks?limit=100&opt_fields=name`;
      while (path) {
        const page = await get(path);
        expect(page.status).toBe(200);
        seen.push(...page.body.data.map((task: { gid: string }) => task.gid));
        path = page.body.next_page?.path ?? null;
        if (page.body.next_page) expect(page.body.next_page.uri).toBe(`${server.url}${page.body.next_page.path}`);
      }
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(new Set(asanaTasks.map((task) => task.sourceId)));
  });

  it('answers 400 on a limit outside 1..100, on a bad offset and on a large unpaged list', async () => {
    expect(taskCount(biggest.id)).toBeGreaterThan(100);
    const tasks = `/projects/${biggest.sourceId}/tasks`;
    expect((await get(`${tasks}?limit=0`)).status).toBe(400);
    expect((await get(`${tasks}?limit=101`)).status).toBe(400);
    expect((await get(`${tasks}?limit=10&offset=garbage`)).body.errors[0].message).toContain('offset');
    expect((await get(`${tasks}`)).status).toBe(400);
  });

  it('returns only gid and the requested fields, with dotted sub-fields', async () => {
    const page = await get(`/projects/${biggest.sourceId}/tasks?limit=5&opt_fields=name,assignee.email,memberships.section.name,custom_fields.name,custom_fields.number_value`);
    const task = page.body.data.find((candidate: any) => candidate.assignee !== null);
    expect(Object.keys(task).sort()).toEqual(['assignee', 'custom_fields', 'gid', 'memberships', 'name']);
    expect(Object.keys(task.assignee).sort()).toEqual(['email', 'gid']);
    expect(Object.keys(task.memberships[0])).toEqual(['section']);
    expect(['To do', 'In progress', 'Done', 'Blocked']).toContain(task.memberships[0].section.name);
    expect(task.custom_fields.map((field: any) => field.name)).toEqual(['Estimate (h)', 'Theme']);
    const bare = await get(`/projects/${biggest.sourceId}/tasks?limit=1&opt_fields=projects`);
    expect(bare.body.data[0].projects).toEqual([{ gid: biggest.sourceId, resource_type: 'project' }]);
  });

  it('answers 401 without or with a wrong token', async () => {
    expect((await fetch(`${server.url}/users/me`)).status).toBe(401);
    const wrong = await get('/users/me', 'Bearer nope');
    expect(wrong.status).toBe(401);
    expect(wrong.body.errors[0].message).toBe('Not Authorized');
  });

  it('sums the time entries of a task to its actual_time_minutes', async () => {
    const project = biggest;
    const page = await get(`/projects/${project.sourceId}/tasks?limit=30&opt_fields=actual_time_minutes,completed`);
    let checked = 0;
    for (const task of page.body.data) {
      const entries = await get(`/tasks/${task.gid}/time_tracking_entries?limit=100&opt_fields=duration_minutes,entered_on,created_by.email,attributable_to`);
      const minutes = entries.body.data.reduce((sum: number, entry: any) => sum + entry.duration_minutes, 0);
      expect(minutes).toBe(task.actual_time_minutes ?? 0);
      if (entries.body.data.length > 0) {
        expect(entries.body.data[0].attributable_to).toEqual({ gid: project.sourceId, resource_type: 'project' });
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('keeps only tasks modified since the given time on GET /tasks?project=, the listing Asana declares it on', async () => {
    const project = biggest;
    const since = org.now - 45 * 86_400_000;
    const expected = asanaTasks.filter((task) => task.projectId === project.id && task.updatedAt >= since).length;
    const query = `limit=100&modified_since=${new Date(since).toISOString()}&opt_fields=modified_at`;
    const page = await get(`/tasks?project=${project.sourceId}&${query}`);
    expect(expected).toBeLessThan(taskCount(project.id));
    expect(page.body.data).toHaveLength(Math.min(100, expected));
    expect(page.body.data.every((task: any) => Date.parse(task.modified_at) >= since)).toBe(true);
    const whole = await get(`/projects/${project.sourceId}/tasks?${query}`);
    expect(whole.body.data).toHaveLength(Math.min(100, taskCount(project.id)));
    expect((await get(`/tasks?limit=10`)).status).toBe(400);
  });

  it('lists portfolios owned by me, their projects and the projects with owners', async () => {
    expect((await get(`/portfolios?workspace=${workspace}`)).status).toBe(400);
    const portfolios = await get(`/portfolios?workspace=${workspace}&owner=me&opt_fields=name`);
    expect(portfolios.body.data.map((portfolio: any) => portfolio.name)).toEqual(['Growth', 'Platform', 'Operations']);
    let items = 0;
    for (const portfolio of portfolios.body.data) items += (await get(`/portfolios/${portfolio.gid}/items?opt_fields=name`)).body.data.length;
    expect(items).toBe(asanaProjects.length);
    const projects = await get(`/projects?workspace=${workspace}&archived=false&limit=100&opt_fields=name,owner.email`);
    const first = projects.body.data.find((project: any) => project.gid === biggest.sourceId);
    // The owner is the PM unless the demo's ownership variation made a colleague the owner.
    const owner = org.people.find((person) => person.id === (biggest.ownership?.leadId ?? biggest.pmId))!;
    expect(first.owner).toEqual({ gid: owner.asanaGid, email: owner.email });
  });

  it('lists the workspace users with their emails, paged on GET /users and unpaged on /workspaces/{gid}/users', async () => {
    const users = await get(`/users?workspace=${workspace}&limit=100&opt_fields=name,email`);
    expect(users.body.data).toHaveLength(org.people.length);
    expect(users.body.next_page).toBeNull();
    const unpaged = await get(`/workspaces/${workspace}/users?opt_fields=name,email`);
    expect(unpaged.body.data).toHaveLength(org.people.length);
    expect('next_page' in unpaged.body).toBe(false);
  });
});

describe('startAsanaServer with faults', () => {
  it('answers every Nth request with 429 and Retry-After', async () => {
    const server = await startAsanaServer(org, { faults: { rateLimitEvery: 3, retryAfterSeconds: 2 } });
    try {
      const responses = [];
      for (let i = 0; i < 3; i++) {
        const response = await fetch(`${server.url}/users/me`, { headers: { authorization: bearer } });
        responses.push([response.status, response.headers.get('retry-after')]);
        await response.arrayBuffer();
      }
      expect(responses).toEqual([[200, null], [200, null], [429, '2']]);
    } finally {
      await server.close();
    }
  });
});
