/**
 * Which PMs' figures the demo's ownership config moves: syncs a demo company once (the sources
 * read the "Project Manager" fields), then computes twice from the same store, without the field
 * and the project rules (the Jira lead / Asana owner is the PM) and with them, and prints each PM
 * whose projects, tasks or hours differ.
 *
 *   node demo/ownership-shift.ts [--scale small] [--seed 42] [--as-of 2026-12-05]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig, type Config } from '../functions/config/index.ts';
import type { ManagersDoc, ProjectsDoc } from '../functions/contract/documents.ts';
import { openRuntime, runCompute, runSync, type Runtime } from '../functions/pipeline/index.ts';
import { stagingKey } from '../functions/pipeline/staging.ts';
import { createLogger } from '../functions/runtime/logger.ts';
import { demoCredentials, demoOwnershipConfig, demoPeople, demoPortfolioTargets, demoThemes, generateOrg, type DemoScale } from './generator/index.ts';
import { startAsanaServer } from './servers/asana-server.ts';
import { startJiraServer } from './servers/jira-server.ts';

const { values } = parseArgs({ options: { scale: { type: 'string', default: 'small' }, seed: { type: 'string', default: '42' }, 'as-of': { type: 'string', default: '2026-12-05' } } });
const asOf = values['as-of'];
const org = generateOrg({ seed: Number(values.seed), scale: values.scale as DemoScale, asOf });
const dir = await mkdtemp(join(tmpdir(), 'pmpulse-ownership-'));
const [jira, asana] = await Promise.all([startJiraServer(org), startAsanaServer(org)]);
process.env.OWNERSHIP_JIRA_TOKEN = demoCredentials.jira.token;
process.env.OWNERSHIP_ASANA_TOKEN = demoCredentials.asana.token;

const ownership = demoOwnershipConfig(org);
const configWith = (owned: boolean): Config =>
  parseConfig({
    store: { type: 'embedded', dir: join(dir, 'db') },
    reports: { type: 'dir', dir: join(dir, 'reports') },
    sources: [
      { type: 'jira', name: 'jira', baseUrl: jira.url, email: demoCredentials.jira.email, tokenEnv: 'OWNERSHIP_JIRA_TOKEN', ...(owned ? { fields: ownership.fields } : {}) },
      { type: 'asana', name: 'asana', baseUrl: asana.url, tokenEnv: 'OWNERSHIP_ASANA_TOKEN', ...(owned ? { fields: ownership.fields } : {}) },
    ],
    themes: demoThemes(org),
    people: demoPeople(org),
    portfolioTargets: demoPortfolioTargets(org),
    projectRules: owned ? ownership.projectRules : [],
  });

interface Book { name: string; projects: number; tasks: number; doneTasks: number; hours: number; onTime: string }

/** Computes with `config` over the shared store, then reads the staged documents back. */
async function books(config: Config, runtime: Runtime): Promise<Map<string, Book>> {
  await runCompute(config, { asOf, runtime });
  const managers = (await runtime.reports.getJson<ManagersDoc>(stagingKey('managers.json')))!;
  const projects = (await runtime.reports.getJson<ProjectsDoc>(stagingKey('projects.json')))!;
  const byPm = new Map<string, Book>();
  for (const pm of managers.managers) {
    const onTime = pm.values.onTimeRate;
    const rate = onTime?.value == null ? 'n/a' : `${onTime.successes ?? '?'}/${onTime.n} = ${(onTime.value * 100).toFixed(1)} %`;
    byPm.set(pm.id, { name: pm.name, projects: 0, tasks: 0, doneTasks: 0, hours: 0, onTime: rate });
  }
  for (const project of projects.projects) {
    const book = project.pmId === null ? undefined : byPm.get(project.pmId);
    if (!book) continue;
    book.projects += 1;
    book.tasks += project.tasks;
    book.doneTasks += project.doneTasks;
    book.hours += project.hours;
  }
  return byPm;
}

try {
  const owned = configWith(true);
  const runtime = await openRuntime(owned, { log: createLogger({ quiet: true }) });
  try {
    const sync = await runSync(owned, { runtime });
    if (!sync.ok) throw new Error(sync.runs.map((run) => run.error).join('; '));
    const before = await books(configWith(false), runtime);
    const after = await books(owned, runtime);
    console.log(`${values.scale} demo, seed ${values.seed}, as of ${asOf}: PMs whose book changes (projects / tasks / done tasks / hours in the KPI window / on-time rate in the window)`);
    for (const id of [...new Set([...before.keys(), ...after.keys()])].sort()) {
      const a = before.get(id);
      const b = after.get(id);
      const line = (book: Book | undefined) => (book ? `${book.projects} / ${book.tasks} / ${book.doneTasks} / ${book.hours.toFixed(1)} h / ${book.onTime}` : 'not a PM');
      if (JSON.stringify(a && { ...a, hours: a.hours.toFixed(1) }) === JSON.stringify(b && { ...b, hours: b.hours.toFixed(1) })) continue;
      console.log(`  ${(a ?? b)!.name} (${id}): without the rules ${line(a)}; with them ${line(b)}`);
    }
  } finally {
    await runtime.close();
  }
} finally {
  await Promise.all([jira.close(), asana.close()]);
  await rm(dir, { recursive: true, force: true });
}
