import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCredentials, generateOrg } from '../../demo/generator/index.ts';
import { startAsanaServer, startJiraServer, type RunningServer } from '../../demo/servers/index.ts';
import { runCli } from './run-cli.ts';

/** `pmpulse sources inspect` run as a user would, against the local Jira and Asana API servers of the demo. */
const org = generateOrg({ seed: 42, scale: 'small', asOf: '2026-12-05' });
const env = { INSPECT_JIRA_TOKEN: demoCredentials.jira.token, INSPECT_ASANA_TOKEN: demoCredentials.asana.token };
const harvest = fileURLToPath(new URL('../fixtures/csv/harvest.csv', import.meta.url));

describe('pmpulse sources inspect', () => {
  let dir: string;
  let config: string;
  let jira: RunningServer;
  let asana: RunningServer;
  beforeAll(async () => {
    [jira, asana] = await Promise.all([startJiraServer(org), startAsanaServer(org)]);
    dir = await mkdtemp(join(tmpdir(), 'pmpulse-inspect-'));
    config = join(dir, 'pmpulse.config.json');
    await writeFile(config, JSON.stringify({
      sources: [
        { type: 'jira', name: 'jira', baseUrl: jira.url, email: demoCredentials.jira.email, tokenEnv: 'INSPECT_JIRA_TOKEN' },
        { type: 'asana', name: 'asana', baseUrl: asana.url, tokenEnv: 'INSPECT_ASANA_TOKEN' },
        { type: 'csv', name: 'harvest', path: harvest, preset: 'harvest' },
      ],
    }));
  });
  afterAll(async () => {
    await Promise.all([jira?.close(), asana?.close()]);
    await rm(dir, { recursive: true, force: true });
  });
  const inspect = (...args: string[]) => runCli(['sources', 'inspect', ...args, '--config', config], { env });

  it('lists a Jira site’s fields, statuses, issue types and projects, and both story-point fields', async () => {
    const text = await inspect('jira');
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('story points read from: customfield_10016 (Story Points), customfield_10036 (Story point estimate)');
    expect(text.stdout).toMatch(/customfield_10036\s+Story point estimate\s+custom\s+number\s+yes/);
    expect(text.stdout).toMatch(/duedate\s+Due date\s+system\s+date/);

    const result = await inspect('jira', '--json');
    const json = JSON.parse(result.stdout);
    expect(json.statuses).toContainEqual({ id: '10001', name: 'In Review', category: 'indeterminate', pmpulse: 'in_progress' });
    expect(json.issueTypes.map((type: { name: string }) => type.name).sort()).toEqual(['Bug', 'Milestone', 'Story', 'Task']);
    const jiraProjects = org.projects.filter((project) => project.system === 'jira');
    expect(json.projects).toHaveLength(jiraProjects.length);
    const team = jiraProjects.find((project) => project.jiraStyle === 'team-managed')!;
    expect(json.projects.filter((project: { managed: string }) => project.managed === 'team').map((project: { key: string }) => project.key)).toEqual([team.key]);
  });

  it('lists an Asana workspace’s custom fields, projects and portfolios, and says no story-point field is there', async () => {
    const result = await inspect('asana', '--json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.workspaces).toEqual([{ gid: org.company.asanaWorkspaceGid, name: org.company.name, read: true }]);
    expect(json.customFields.map((field: { name: string; type: string }) => [field.name, field.type])).toEqual([['Estimate (h)', 'number'], ['Theme', 'enum']]);
    expect(json.customFields[1].options).toBe(org.themes.map((theme) => theme.name).join(', '));
    expect(json.projects).toHaveLength(org.projects.filter((project) => project.system === 'asana').length);
    expect(json.portfolios.map((portfolio: { name: string }) => portfolio.name)).toEqual(org.portfolios.map((portfolio) => portfolio.name));
    expect(json.notes[0]).toBe('no custom field "Story Points": tasks get no story points; set storyPointsField to a number field\'s gid or name below');
  });

  it('shows a CSV export’s columns, the preset’s mapping and its first rows parsed', async () => {
    const result = await inspect('harvest');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/First Name\s+person/);
    expect(result.stdout).toMatch(/person\s+First Name \+ Last Name/);
    const json = JSON.parse((await inspect('harvest', '--json')).stdout);
    expect(json.rows[0]).toEqual({ line: 2, date: '2026-03-02', person: 'Dana Dev', hours: 2.5, project: 'harvest:project:payments platform', problem: null });
  });

  it('is listed in --help and has its own', async () => {
    expect((await runCli(['--help'])).stdout).toContain('  sources inspect ');
    const help = await runCli(['sources', 'inspect', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: pmpulse sources inspect NAME [--json]');
  });

  it('exits 2 naming the configured sources when NAME is not one of them', async () => {
    const result = await inspect('jiraa');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no source "jiraa"');
    expect(result.stderr).toContain('(sources: jira, asana, harvest)');
  });
});
