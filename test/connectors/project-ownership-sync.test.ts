import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type AsanaSourceConfig, type JiraSourceConfig } from '../../functions/config/index.ts';
import { asanaConnector } from '../../functions/connectors/asana/index.ts';
import { jiraConnector } from '../../functions/connectors/jira/index.ts';
import { applyProjectRules, createIdentityResolver, FieldVoteTally } from '../../functions/kpi/index.ts';
import { demoCredentials, demoOwnershipConfig, demoPeople, generateOrg, type DemoProject } from '../../demo/generator/index.ts';
import { startAsanaServer } from '../../demo/servers/asana-server.ts';
import { startJiraServer } from '../../demo/servers/jira-server.ts';
import { drain, type Drained } from './helpers/drain.ts';
import { silentLog } from './helpers/local-server.ts';

/**
 * Project ownership end to end on the demo servers: the connectors read the "Project Manager"
 * fields the way Jira and Asana serve them, and the demo config's rules give every project the PM
 * the generator meant, whatever the Jira lead or Asana owner is. The expectations come from the
 * generated company, not from the engine.
 */

const org = generateOrg({ seed: 7, scale: 'small', asOf: '2026-03-31' });
const ownership = demoOwnershipConfig(org);
const byId = new Map(org.people.map((person) => [person.id, person]));
const fieldProject = (system: DemoProject['system']) => org.projects.find((project) => project.system === system && project.ownership?.pmFieldPersonId)!;
const toolsProjects = org.projects.filter((project) => project.ownership?.jiraCategory);

let jira: Drained;
let asana: Drained;
let servers: { close(): Promise<void> }[] = [];

const jiraSource = (fields: JiraSourceConfig['fields'], url: string): JiraSourceConfig => ({
  type: 'jira', name: 'jira', baseUrl: url, email: demoCredentials.jira.email, tokenEnv: 'JIRA_TOKEN', ...(fields ? { fields } : {}),
});
const context = <C>(source: C, token: string) => ({ source, token, fetch, now: () => new Date(org.now), log: silentLog });

let jiraUrl = '';
beforeAll(async () => {
  const [jiraServer, asanaServer] = await Promise.all([startJiraServer(org), startAsanaServer(org)]);
  servers = [jiraServer, asanaServer];
  jiraUrl = jiraServer.url;
  const asanaSource: AsanaSourceConfig = { type: 'asana', name: 'asana', baseUrl: asanaServer.url, tokenEnv: 'ASANA_TOKEN', fields: ownership.fields };
  [jira, asana] = await Promise.all([
    drain(jiraConnector.read(context(jiraSource(ownership.fields, jiraUrl), demoCredentials.jira.token))),
    drain(asanaConnector.read(context(asanaSource, demoCredentials.asana.token))),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

describe('the demo ownership variation', () => {
  it('gives one Jira project a lead other than its PM, and a Project Manager field naming the PM', () => {
    const demo = fieldProject('jira');
    const lead = byId.get(demo.ownership!.leadId!)!;
    expect(lead.id).not.toBe(demo.pmId);
    const synced = jira.projects.find((project) => project.sourceId === demo.sourceId)!;
    expect(synced.pmId).toBe(`jira:${lead.jiraAccountId}`);
    // Every issue but each tenth (by issue number) names the PM.
    const issues = org.tasks.filter((task) => task.projectId === demo.id);
    const named = issues.filter((task) => Number(task.key.split('-')[1]) % 10 !== 0).map((task) => task.sourceId).sort();
    const pmAccount = `jira:${byId.get(demo.pmId)!.jiraAccountId}`;
    const withField = jira.tasks.filter((task) => task.pmFieldId !== undefined);
    expect(withField.map((task) => task.sourceId).sort()).toEqual(named);
    expect(new Set(withField.map((task) => task.pmFieldId))).toEqual(new Set([pmAccount]));
    expect(jira.people.find((person) => person.id === pmAccount)?.name).toBe(byId.get(demo.pmId)!.name);
  });

  it('reads an Asana project\'s "Project Manager" people field beside its owner', () => {
    const demo = fieldProject('asana');
    const synced = asana.projects.find((project) => project.sourceId === demo.sourceId)!;
    expect(synced.pmId).toBe(`asana:${byId.get(demo.ownership!.leadId!)!.asanaGid}`);
    expect(synced.pmFieldId).toBe(`asana:${byId.get(demo.pmId)!.asanaGid}`);
    expect(asana.projects.filter((project) => project.pmFieldId !== undefined)).toHaveLength(1);
  });

  it('with the demo config, every project goes to the PM the generator meant, saying what decided it', () => {
    const config = parseConfig({
      sources: [jiraSource(ownership.fields, 'http://localhost'), { type: 'asana', name: 'asana', tokenEnv: 'A', fields: ownership.fields }],
      people: demoPeople(org),
      projectRules: ownership.projectRules,
    });
    const tally = new FieldVoteTally();
    tally.addTasks(jira.tasks);
    const owned = applyProjectRules([...jira.projects, ...asana.projects], config.projectRules, { votes: tally.votes });
    const identities = createIdentityResolver([...jira.people, ...asana.people], config.people);
    const demoOf = new Map(org.projects.map((project) => [`${project.system}:${project.sourceId}`, project]));
    for (const project of owned) {
      const demo = demoOf.get(project.id)!;
      expect({ project: demo.name, pm: identities.resolve(project.pmId!).id }).toEqual({ project: demo.name, pm: byId.get(demo.pmId)!.email });
      const portfolio = org.portfolios.find((candidate) => candidate.id === demo.portfolioId)!;
      expect({ project: demo.name, portfolio: project.portfolio }).toEqual({ project: demo.name, portfolio: portfolio.name });
    }
    const from = (demo: DemoProject) => owned.find((project) => project.id === `${demo.system}:${demo.sourceId}`)!.pmFrom;
    expect(from(fieldProject('jira'))).toBe('fields.pm');
    expect(from(fieldProject('asana'))).toBe('fields.pm');
    expect(toolsProjects.length).toBeGreaterThanOrEqual(1);
    for (const demo of toolsProjects) expect(from(demo)).toBe('projectRules[0]');
    expect(owned.filter((project) => project.pmFrom === 'source')).toHaveLength(org.projects.length - 2 - toolsProjects.length);
  });

  it('without the rules and the field, the leads get those projects (what the config changes)', () => {
    const owned = applyProjectRules(jira.projects, []);
    const demo = toolsProjects[0]!;
    const project = owned.find((candidate) => candidate.sourceId === demo.sourceId)!;
    expect(project.pmId).toBe(`jira:${byId.get(org.adminId)!.jiraAccountId}`);
    expect(project.portfolio).toBe('Internal Tools');
  });

  it('resolves the field by id as well as by name, and stops the sync naming the key when a name matches nothing', async () => {
    const byFieldId = await drain(jiraConnector.read(context(jiraSource({ pm: 'customfield_10050' }, jiraUrl), demoCredentials.jira.token)));
    expect(byFieldId.tasks.filter((task) => task.pmFieldId).length).toBe(jira.tasks.filter((task) => task.pmFieldId).length);
    await expect(drain(jiraConnector.read(context(jiraSource({ pm: 'Program Manager' }, jiraUrl), demoCredentials.jira.token)))).rejects.toThrow(
      'sources.jira.fields.pm: no field has the id or name "Program Manager"',
    );
  });
});
