import { describe, expect, it } from 'vitest';
import type { JiraSourceConfig } from '../../functions/config/index.ts';
import { AzureDevOpsSourceSchema } from '../../functions/config/azure-devops.ts';
import { ProjectRuleSchema } from '../../functions/config/project-rules.ts';
import { azureDevOpsConnector } from '../../functions/connectors/azure-devops/index.ts';
import { jiraConnector } from '../../functions/connectors/jira/index.ts';
import { applyProjectRules, createKpiEngine } from '../../functions/kpi/index.ts';
import { demoCredentials, demoPortfolioTargets, demoThemes, generateOrg, type DemoProject } from '../../demo/generator/index.ts';
import { ADO_ORGANIZATION, ADO_TOKEN, withAzureDevOpsProjects } from '../../demo/generator/variations/azure-devops-projects.ts';
import { azureDevOpsDemoConfig } from '../../demo/azure-devops-demo.ts';
import { startAzureDevOpsServer } from '../../demo/servers/azure-devops-server.ts';
import { startJiraServer } from '../../demo/servers/jira-server.ts';
import { drain, type Drained } from './helpers/drain.ts';
import { silentLog } from './helpers/local-server.ts';

/**
 * A project that moves from Jira to Azure DevOps Boards keeps its figures: the same tasks, moves,
 * plan changes and hours, served once by the demo Jira and once by the demo Azure DevOps (where
 * hours are CompletedWork rises), give the same projects.json entry once the source's own ids and
 * the rule that named the PM are set aside.
 */

const asOf = '2026-03-31';
const before = generateOrg({ seed: 7, scale: 'small', asOf });
const after = withAzureDevOpsProjects(before);
const moved = after.projects.filter((project) => project.system === 'azure-devops');
const ado = azureDevOpsDemoConfig(after, '');

const latest = <T extends { id: string }>(records: readonly T[]) => [...new Map(records.map((record) => [record.id, record])).values()];

async function syncJira(): Promise<Drained> {
  const server = await startJiraServer(before);
  try {
    const source: JiraSourceConfig = { type: 'jira', name: 'jira', baseUrl: server.url, email: demoCredentials.jira.email, tokenEnv: 'JIRA_TOKEN' };
    return await drain(jiraConnector.read({ source, token: demoCredentials.jira.token, fetch, now: () => new Date(before.now), log: silentLog }));
  } finally {
    await server.close();
  }
}

async function syncAdo(): Promise<Drained> {
  const server = await startAzureDevOpsServer(after);
  try {
    const source = AzureDevOpsSourceSchema.parse({ type: 'azure-devops', name: 'azure-devops', baseUrl: server.url.replace(/\/[^/]+$/, ''), organization: ADO_ORGANIZATION, tokenEnv: 'ADO_TOKEN', areaPathDepth: 2 });
    return await drain(azureDevOpsConnector.read({ source, token: ADO_TOKEN, fetch, now: () => new Date(after.now), log: silentLog }));
  } finally {
    await server.close();
  }
}

/** The projects.json entry of one project computed from one source's records of it alone, with the source's ids replaced. */
function projectFigures(result: Drained, projectId: string) {
  const projects = applyProjectRules(latest(result.projects).filter((project) => project.id === projectId), ado.projectRules.map((rule) => ProjectRuleSchema.parse(rule)));
  const tasks = latest(result.tasks).filter((task) => task.projectId === projectId);
  const taskIds = new Set(tasks.map((task) => task.id));
  const engine = createKpiEngine({ asOf, projects, people: latest(result.people), themes: demoThemes(after) as never, portfolioTargets: demoPortfolioTargets(after) as never, overrides: ado.people });
  engine.addTasks(tasks);
  engine.addStatusChanges(latest(result.statusChanges).filter((change) => taskIds.has(change.taskId)));
  engine.addTimeEntries(latest(result.timeEntries).filter((entry) => entry.projectId === projectId));
  const [entry] = engine.finish().projects.projects;
  const { source: _source, pmFrom: _pmFrom, id: _id, ...figures } = entry!;
  // Ids name the source; instants are compared as instants (Jira writes +00:00 where Azure DevOps writes Z).
  const text = JSON.stringify(figures).replaceAll(JSON.stringify(projectId).slice(1, -1), 'P').replace(/"(jira|azure-devops):/g, '"X:');
  return JSON.parse(text.replace(/(T\d{2}:\d{2}:\d{2}\.\d{3})\+00:00"/g, '$1Z"'));
}

describe('a project moved from Jira to Azure DevOps', () => {
  it('has the same projects.json figures from either source', async () => {
    const [jira, azure] = await Promise.all([syncJira(), syncAdo()]);
    expect(moved.length).toBeGreaterThan(1);
    for (const project of moved) {
      const jiraId = `jira:${project.sourceId}`;
      const portfolio = before.portfolios.find((candidate) => candidate.id === project.portfolioId)!;
      const adoId = `azure-devops:${portfolio.name}\\${project.name}`;
      const fromJira = projectFigures(jira, jiraId);
      const fromAdo = projectFigures(azure, adoId);
      expect(fromJira.tasks, project.name).toBeGreaterThan(0);
      expect(fromJira.evm.ac, project.name).toBeGreaterThan(0);
      expect(Object.keys(fromJira)).toEqual(expect.arrayContaining(['hours', 'doneTasks', 'evm', 'evmMonths', 'plan']));
      expect(fromAdo, `${project.name} (${(project as DemoProject).key})`).toEqual(fromJira);
    }
  });
});
