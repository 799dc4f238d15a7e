import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/index.ts';
import type { ManagersDoc, ProjectsDoc, QualityDoc } from '../../functions/contract/documents.ts';
import { runCompute, runSync } from '../../functions/pipeline/index.ts';
import { demoCredentials, demoPeople, demoThemes, generateOrg } from '../../demo/generator/index.ts';
import { withLinearProjects } from '../../demo/generator/variations/linear-projects.ts';
import { startJiraServer } from '../../demo/servers/jira-server.ts';
import { linearTokenEnv, startLinearDemo } from '../../demo/linear-demo.ts';
import { linearDemoKey } from '../../demo/servers/linear-server.ts';

/**
 * Sync and compute over the demo's Jira site and its Linear workspace (hours from a timesheet):
 * the Linear sync records that its estimates are not hours, and compute publishes the Linear
 * projects without a cost baseline (no CPI 0, no "off track" from it), their PMs' spi, cpi and
 * estimationAccuracy as null with the reason, while the Jira-only PMs keep theirs.
 */

const asOf = '2026-03-31';
const reason = 'Linear estimates are points, not hours: no cost baseline';
const org = withLinearProjects(generateOrg({ seed: 7, scale: 'small', asOf }));
const silent = { info() {}, warn() {}, error() {}, debug() {} };

let dir: string;
let quality: QualityDoc;
let managers: ManagersDoc;
let projects: ProjectsDoc;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pmpulse-linear-baseline-'));
  const jira = await startJiraServer(org);
  const linear = await startLinearDemo(org, dir);
  try {
    const config = parseConfig({
      store: { type: 'embedded', dir: join(dir, 'db') },
      reports: { type: 'dir', dir: join(dir, 'reports') },
      sources: [{ type: 'jira', name: 'jira', baseUrl: jira.url, email: demoCredentials.jira.email, tokenEnv: 'JIRA_T' }, ...linear.sources],
      themes: demoThemes(org),
      people: demoPeople(org),
    });
    const env = { JIRA_T: demoCredentials.jira.token, [linearTokenEnv]: linearDemoKey };
    const sync = await runSync(config, { env, log: silent });
    expect(sync.ok).toBe(true);
    await runCompute(config, { asOf, env, log: silent });
    const staged = async <T>(name: string) => JSON.parse(await readFile(join(dir, 'reports', 'staging', name), 'utf8')) as T;
    [quality, managers, projects] = await Promise.all([staged<QualityDoc>('quality.json'), staged<ManagersDoc>('managers.json'), staged<ProjectsDoc>('projects.json')]);
  } finally {
    await Promise.all([jira.close(), linear.close()]);
  }
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a Linear source with hours from a timesheet', () => {
  it('records on its sync run that its estimates are not hours, and nothing about hours', () => {
    expect(quality.sources.find((source) => source.name === 'linear')?.unavailable).toEqual({ hourEstimates: reason });
    expect(quality.sources.find((source) => source.name === 'jira')).not.toHaveProperty('unavailable');
  });

  it('publishes its projects without a cost baseline: hours as AC, no CPI, health not reported', () => {
    const onLinear = projects.projects.filter((project) => project.source === 'linear');
    expect(onLinear.length).toBeGreaterThan(0);
    expect(onLinear.some((project) => project.evm.ac > 0)).toBe(true);
    for (const project of onLinear) {
      expect(project, project.name).toMatchObject({ health: 'not_reported', healthReason: reason, hourEstimatesUnavailable: reason });
      expect(project.evm, project.name).toMatchObject({ spi: null, cpi: null, eac: null, tcpi: null });
    }
    for (const project of projects.projects.filter((p) => p.source !== 'linear')) expect(project, project.name).not.toHaveProperty('hourEstimatesUnavailable');
  });

  it('nulls spi, cpi and estimationAccuracy of the Linear projects\' PMs only', () => {
    const linearPms = new Set(projects.projects.filter((project) => project.source === 'linear').map((project) => project.pmId));
    expect(linearPms.size).toBeGreaterThan(0);
    let jiraOnly = 0;
    for (const pm of managers.managers) {
      for (const kpi of ['spi', 'cpi', 'estimationAccuracy']) {
        if (linearPms.has(pm.id)) expect(pm.values[kpi], `${pm.id} ${kpi}`).toMatchObject({ value: null, n: 0, unavailable: reason });
        else expect(pm.values[kpi], `${pm.id} ${kpi}`).not.toHaveProperty('unavailable');
      }
      if (!linearPms.has(pm.id) && pm.values['cpi']?.value !== null) jiraOnly += 1;
    }
    expect(jiraOnly).toBeGreaterThan(0);
    expect(managers.company['cpi']?.n).toBe(jiraOnly);
  });
});
