import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JiraSourceConfig } from '../../functions/config/index.ts';
import { jiraConnector } from '../../functions/connectors/jira/index.ts';
import { demoCredentials, generateOrg } from '../../demo/generator/index.ts';
import { startJiraServer } from '../../demo/servers/jira-server.ts';
import type { RunningServer } from '../../demo/servers/http-kit.ts';
import { drain } from '../connectors/helpers/drain.ts';
import { silentLog } from '../connectors/helpers/local-server.ts';

/**
 * The demo company has one team-managed Jira project, whose issues keep their points in "Story point
 * estimate" (customfield_10036) while company-managed issues use "Story Points" (customfield_10016).
 * Synced through the real connector over HTTP, its points must come through.
 */
const org = generateOrg({ seed: 42, scale: 'small', asOf: '2026-12-05' });
const teamProjects = org.projects.filter((project) => project.jiraStyle === 'team-managed');
const team = teamProjects[0]!;
const teamTasks = org.tasks.filter((task) => task.projectId === team.id);
const pointsOf = (tasks: readonly { storyPoints?: number | null | undefined }[]) => tasks.reduce((sum, task) => sum + (task.storyPoints ?? 0), 0);

describe('the team-managed demo project', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startJiraServer(org);
  });
  afterAll(() => server.close());

  const sync = async (storyPointsField?: JiraSourceConfig['storyPointsField']) => {
    const source: JiraSourceConfig = {
      type: 'jira', name: 'jira', baseUrl: server.url, email: demoCredentials.jira.email, tokenEnv: 'JIRA_TOKEN',
      ...(storyPointsField ? { storyPointsField } : {}),
    };
    const context = { source, token: demoCredentials.jira.token, fetch, now: () => new Date(org.now), log: silentLog };
    return drain(jiraConnector.read(context));
  };

  it('is one Jira project with pointed issues, shown as team-managed by /project/search', async () => {
    expect(teamProjects).toHaveLength(1);
    expect(team.system).toBe('jira');
    expect(teamTasks.filter((task) => task.storyPoints !== null).length).toBeGreaterThan(0);
    const basic = `Basic ${Buffer.from(`${demoCredentials.jira.email}:${demoCredentials.jira.token}`).toString('base64')}`;
    const page = (await (await fetch(`${server.url}/rest/api/3/project/search?maxResults=100`, { headers: { authorization: basic } })).json()) as any;
    const shown = page.values.find((project: any) => project.key === team.key);
    expect(shown).toMatchObject({ style: 'next-gen', simplified: true });
    expect(page.values.filter((project: any) => project.simplified).map((project: any) => project.key)).toEqual([team.key]);
  });

  it('brings every point of both kinds of project through the discovered fields', async () => {
    const result = await sync();
    const synced = new Map(result.tasks.map((task) => [task.sourceId, task]));
    for (const task of org.tasks.filter((candidate) => synced.has(candidate.sourceId))) {
      expect(synced.get(task.sourceId)!.storyPoints, task.key).toBe(task.storyPoints ?? undefined);
    }
    const teamSynced = teamTasks.map((task) => synced.get(task.sourceId)!);
    expect(pointsOf(teamSynced)).toBe(pointsOf(teamTasks));
    expect(pointsOf(teamSynced)).toBeGreaterThan(0);
  });

  it('loses the team-managed points when only "Story Points" is read, as the one-field discovery did', async () => {
    const result = await sync('Story Points');
    const teamSourceIds = new Set(teamTasks.map((task) => task.sourceId));
    const teamSynced = result.tasks.filter((task) => teamSourceIds.has(task.sourceId));
    expect(teamSynced).toHaveLength(teamTasks.length);
    expect(pointsOf(teamSynced)).toBe(0);
  });
});
