import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/index.ts';
import type { ManagersDoc, ProjectsDoc, QualityDoc } from '../../functions/contract/documents.ts';
import { runCompute, runSync } from '../../functions/pipeline/index.ts';
import { demoCredentials, demoPeople, demoThemes, generateOrg } from '../../demo/generator/index.ts';
import { withoutAsanaTimeTracking } from '../../demo/generator/variations/asana-no-time-tracking.ts';
import { startAsanaServer } from '../../demo/servers/asana-server.ts';
import { startJiraServer } from '../../demo/servers/jira-server.ts';

/**
 * Sync and compute over the demo servers, the Asana workspace without time tracking and the
 * Jira site reached with a scoped token: the Asana PMs' hours KPIs are null with the reason (not
 * 0), quality.json says which source lacks hours, and the former users keep their hours: the
 * first under the person `people[]` joins it to, the two left out of `people[]` each under its own
 * account id.
 */

const asOf = '2026-03-31';
const org = withoutAsanaTimeTracking(generateOrg({ seed: 7, scale: 'small', asOf }));
const silent = { info() {}, warn() {}, error() {}, debug() {} };
const leavers = org.people.filter((person) => person.formerInJira);
const dropped = new Set(leavers.slice(1).map((person) => person.email));

let dir: string;
let quality: QualityDoc;
let managers: ManagersDoc;
let projects: ProjectsDoc;
let warnings: string[];
let config: ReturnType<typeof parseConfig>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pmpulse-gaps-'));
  const jira = await startJiraServer(org);
  const asana = await startAsanaServer(org);
  try {
    config = parseConfig({
      store: { type: 'embedded', dir: join(dir, 'db') },
      reports: { type: 'dir', dir: join(dir, 'reports') },
      sources: [
        { type: 'jira', name: 'jira', baseUrl: jira.url, auth: 'scoped', gatewayUrl: jira.url, email: demoCredentials.jira.email, tokenEnv: 'JIRA_T' },
        { type: 'asana', name: 'asana', baseUrl: asana.url, tokenEnv: 'ASANA_T' },
      ],
      themes: demoThemes(org),
      people: demoPeople(org).filter((person) => !dropped.has(person.email)),
    });
    const env = { JIRA_T: demoCredentials.jira.token, ASANA_T: demoCredentials.asana.token };
    warnings = [];
    const log = { ...silent, warn: (message: string) => void warnings.push(message) };
    const sync = await runSync(config, { env, log });
    expect(sync.ok).toBe(true);
    await runCompute(config, { asOf, env, log: silent });
    const staged = async <T>(name: string) => JSON.parse(await readFile(join(dir, 'reports', 'staging', name), 'utf8')) as T;
    [quality, managers, projects] = await Promise.all([staged<QualityDoc>('quality.json'), staged<ManagersDoc>('managers.json'), staged<ProjectsDoc>('projects.json')]);
  } finally {
    await Promise.all([jira.close(), asana.close()]);
  }
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a sync with a source that cannot give hours', () => {
  it('logs the missing time tracking once and marks the Asana source\'s hours unavailable', () => {
    expect(warnings.filter((line) => /402 Payment Required/.test(line))).toHaveLength(1);
    const asana = quality.sources.find((source) => source.name === 'asana');
    expect(asana?.ok).toBe(true);
    expect(asana?.unavailable?.hours).toMatch(/402 Payment Required/);
    expect(quality.sources.find((source) => source.name === 'jira')).not.toHaveProperty('unavailable');
  });

  it('publishes the Asana PMs\' hours KPIs as null with the reason, never 0, and the Jira-only PMs\' as numbers', () => {
    const asanaPms = new Set(projects.projects.filter((project) => project.source === 'asana').map((project) => project.pmId));
    expect(asanaPms.size).toBeGreaterThan(0);
    for (const pm of managers.managers) {
      const hours = pm.values['hoursLogged'];
      if (asanaPms.has(pm.id)) expect(hours).toMatchObject({ value: null, unavailable: expect.stringMatching(/402/) });
      else expect(hours?.value).toBeGreaterThan(0);
    }
    for (const project of projects.projects.filter((p) => p.source === 'asana')) {
      expect(project.hoursUnavailable).toMatch(/402/);
      expect(project.evm.cpi).toBeNull();
    }
  });

  it('keeps the hours unavailable when a later sync of the source fails', async () => {
    const asana = await startAsanaServer(org);
    try {
      const asanaSource = { ...config.sources[1]!, baseUrl: asana.url };
      const failing = await runSync({ ...config, sources: [config.sources[0]!, asanaSource] }, { sources: ['asana'], env: { JIRA_T: '', ASANA_T: 'a wrong token' }, log: silent });
      expect(failing.runs[0]).toMatchObject({ ok: false, unavailable: { hours: expect.stringMatching(/402/) } });
    } finally {
      await asana.close();
    }
  });

  it('reports former users with their hours and how the accounts were joined', () => {
    expect(leavers).toHaveLength(3);
    const identities = quality.identities!;
    expect(identities.formerAccounts.map((account) => account.recordId).sort()).toEqual(leavers.map((person) => `jira:${person.jiraAccountId}`).sort());
    for (const account of identities.formerAccounts) expect(account.hoursInWindow).toBeGreaterThan(0);
    // The leaver still in people[] counts for that person; the two dropped ones stand for themselves.
    expect(identities.formerAccounts.filter((account) => account.matched).map((account) => account.personId)).toEqual([leavers[0]!.email]);
    const hidden = org.people.filter((person) => person.hidesEmailInJira && !person.formerInJira).length;
    expect(identities.accounts.byAlias).toBeGreaterThanOrEqual(hidden);
    expect(identities.accounts.unmatched).toBe(2);
    expect(quality.unmatchedIdentities.map((identity) => identity.name).sort()).toEqual(identities.formerAccounts.filter((a) => !a.matched).map((a) => a.name).sort());
  });
});
