import { parseConfig, type SourceConfig } from '../functions/config/index.ts';
import { connectorFor } from '../functions/connectors/registry.ts';
import type { RecordBatch } from '../functions/connectors/kit/connector.ts';
import type { Person, Project, StatusChange, Task, TimeEntry } from '../functions/domain/index.ts';
import { createForecastEngine } from '../functions/forecast/index.ts';
import { createKpiEngine } from '../functions/kpi/index.ts';
import { silentLogger } from '../functions/runtime/logger.ts';
import { demoCredentials, demoPeople, demoThemes, generateOrg, type DemoScale } from './generator/index.ts';
import { startAsanaServer, startJiraServer } from './servers/index.ts';

/**
 * What story points the demo's team-managed Jira project brings, read the way pmpulse read them
 * before (one field, "Story Points") and now (both Jira fields), and its PM's throughput and the
 * project's forecast in points. `node demo/story-points-figures.ts [small|medium] [seed] [as-of]`.
 */
const [scale = 'small', seedText = '42', asOf = '2026-12-05'] = process.argv.slice(2);
const org = generateOrg({ seed: Number(seedText), scale: scale as DemoScale, asOf });
const team = org.projects.find((project) => project.jiraStyle === 'team-managed')!;
const [jira, asana] = await Promise.all([startJiraServer(org), startAsanaServer(org)]);
try {
  for (const [label, storyPointsField] of [['before (one field, "Story Points")', 'Story Points'], ['now (both Jira fields)', undefined]] as const) {
    const records = await syncAll([
      { type: 'jira', name: 'jira', baseUrl: jira.url, email: demoCredentials.jira.email, tokenEnv: 'T', ...(storyPointsField ? { storyPointsField } : {}) },
      { type: 'asana', name: 'asana', baseUrl: asana.url, tokenEnv: 'T' },
    ]);
    const teamProject = records.projects.find((project) => project.key === team.key)!;
    const teamTasks = records.tasks.filter((task) => task.projectId === teamProject.id);
    const pointed = teamTasks.filter((task) => task.storyPoints !== undefined);
    console.log(`\n${label}`);
    console.log(`  ${team.key} ${team.name}: ${pointed.length} of ${teamTasks.length} tasks pointed, ${sum(pointed)} points`);
    const config = parseConfig({ themes: demoThemes(org), people: demoPeople(org), kpi: { unit: 'points' } });
    const engine = createKpiEngine({ asOf, settings: config.kpi, projects: records.projects, people: records.people, themes: config.themes, overrides: config.people });
    engine.addTasks(records.tasks);
    engine.addStatusChanges(records.statusChanges);
    engine.addTimeEntries(records.timeEntries);
    const result = engine.finish();
    const pm = result.managers.managers.find((manager) => manager.projectIds.includes(teamProject.id))!;
    const t = pm.values['throughput']!;
    const w = pm.values['throughputPerPersonWeek']!;
    console.log(`  ${pm.name}, window ${result.managers.window.from}..${result.managers.window.to}: throughput ${t.value} points/week (n ${t.n} pointed, ${t.unpointed} unpointed, share ${t.unpointedShare}); per person-week ${w.value}`);
    const forecasts = createForecastEngine({ asOf, projects: records.projects, settings: { unit: 'points' } });
    forecasts.addTasks(records.tasks);
    const forecast = forecasts.finish().projects.find((project) => project.id === teamProject.id)!;
    console.log(`  forecast of ${team.key} in points: ${forecast.status}, remaining ${forecast.remaining}, p50 ${forecast.p50}, p85 ${forecast.p85}, unpointed open ${forecast.unpointedOpen} (share ${forecast.unpointedShare})${forecast.reason ? `; ${forecast.reason}` : ''}`);
  }
} finally {
  await Promise.all([jira.close(), asana.close()]);
}

async function syncAll(sources: SourceConfig[]) {
  const all = { projects: [] as Project[], people: [] as Person[], tasks: [] as Task[], timeEntries: [] as TimeEntry[], statusChanges: [] as StatusChange[] };
  for (const source of sources) {
    const token = source.type === 'jira' ? demoCredentials.jira.token : demoCredentials.asana.token;
    const reader = connectorFor(source).read({ source, token, fetch, now: () => new Date(org.now), log: silentLogger });
    for (let step = await reader.next(); !step.done; step = await reader.next()) add(all, step.value);
  }
  return all;
}

function add(all: Awaited<ReturnType<typeof syncAll>>, batch: RecordBatch): void {
  all.projects.push(...(batch.projects ?? []));
  all.people.push(...(batch.people ?? []));
  all.tasks.push(...(batch.tasks ?? []));
  all.timeEntries.push(...(batch.timeEntries ?? []));
  all.statusChanges.push(...(batch.statusChanges ?? []));
}

function sum(tasks: readonly Task[]): number {
  return tasks.reduce((total, task) => total + (task.storyPoints ?? 0), 0);
}
