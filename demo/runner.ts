import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseConfig, type Config } from '../functions/config/index.ts';
import { generateOrg, demoPortfolioTargets, demoThemes, demoPeople, demoCredentials, demoOwnershipConfig } from './generator/index.ts';
import { withoutAsanaTimeTracking } from './generator/variations/asana-no-time-tracking.ts';
import { startJiraServer } from './servers/jira-server.ts';
import { startAsanaServer } from './servers/asana-server.ts';
import { startAzureDevOpsServer } from './servers/azure-devops-server.ts';
import { withAzureDevOpsProjects } from './generator/variations/azure-devops-projects.ts';
import { ADO_TOKEN_ENV, azureDevOpsDemoConfig } from './azure-devops-demo.ts';
import { openRuntime, runCompute, runPublish, runSync } from '../functions/pipeline/index.ts';
import type { Logger } from '../functions/runtime/logger.ts';
import type { SyncProgressListener } from '../functions/pipeline/index.ts';
import { buildSite } from '../site/build.ts';
import { materializeLatest } from '../functions/cli/snapshot-dir.ts';
import { daysBefore, writeDemoDigests } from './digests.ts';
import { withLinearProjects } from './generator/variations/linear-projects.ts';
import { startLinearDemo } from './linear-demo.ts';
import { DEMO_ALERT_RULES, runDemoAlerts, type DemoAlerts } from './alerts.ts';
import { demoDelivery } from './delivery-config.ts';

export type DemoScale = 'small' | 'medium' | 'large';

export interface DemoOptions {
  scale: DemoScale;
  seed: number;
  asOf: string;
  /** Everything the demo writes lives here: store, reports, config, site. */
  dir: string;
  log: Logger;
  /** Progress of the sync, page by page (the CLI's live line). */
  onProgress?: SyncProgressListener;
  /** The Asana workspace's plan lacks time tracking (`--asana-no-time-tracking`). */
  asanaNoTimeTracking?: boolean;
  /** Every other plain Jira project is planned in Azure DevOps Boards instead (`--azure-devops`). */
  azureDevOps?: boolean;
  /** Part of the projects live in Linear, their hours in a timesheet export (`--linear`). */
  linear?: boolean;
}

export interface DemoResult {
  siteDir: string;
  snapshot: string;
  timings: Record<string, number>;
  counts: Record<string, number>;
  /** Where the demo wrote everything, and the config it wrote (what a real set-up looks like). */
  dir: string;
  configFile: string;
  /** The alerts run twice after the publish: what fired, and what the rerun fired (nothing). */
  alerts: DemoAlerts;
}

const TOKEN_ENV = { jira: 'PMPULSE_DEMO_JIRA_TOKEN', asana: 'PMPULSE_DEMO_ASANA_TOKEN' };

/**
 * The whole pipeline over a seeded demo organisation: local servers that speak the Jira and Asana
 * APIs, the real connectors over HTTP, the embedded store, compute, publish and the site build.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const timings: Record<string, number> = {};
  const timed = async <T>(label: string, step: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    const result = await step();
    timings[label] = Math.round(performance.now() - start);
    return result;
  };
  const dir = resolve(options.dir);
  const generated = await timed('generate', () => generateOrg({ seed: options.seed, scale: options.scale, asOf: options.asOf }));
  const withTracking = options.asanaNoTimeTracking ? withoutAsanaTimeTracking(generated) : generated;
  const withAdo = options.azureDevOps ? withAzureDevOpsProjects(withTracking) : withTracking;
  const org = options.linear ? withLinearProjects(withAdo) : withAdo;
  const jira = await startJiraServer(org);
  const asana = await startAsanaServer(org);
  const azureDevOps = options.azureDevOps ? await startAzureDevOpsServer(org) : undefined;
  const linear = options.linear ? await startLinearDemo(org, dir) : undefined;
  try {
    const ado = azureDevOps ? azureDevOpsDemoConfig(org, azureDevOps.url.slice(0, azureDevOps.url.lastIndexOf('/'))) : undefined;
    if (ado) process.env[ADO_TOKEN_ENV] = ado.token;
    const config = await writeDemoConfig(dir, org, jira.url, asana.url, ado, linear?.sources ?? []);
    process.env[TOKEN_ENV.jira] = demoCredentials.jira.token;
    process.env[TOKEN_ENV.asana] = demoCredentials.asana.token;
    const runtime = await openRuntime(config, { log: options.log });
    let snapshot: string;
    let counts: Record<string, number> = {};
    let alerts: DemoAlerts;
    try {
      const sync = await timed('sync', () => runSync(config, { runtime, ...(options.onProgress ? { onProgress: options.onProgress } : {}) }));
      if (!sync.ok) throw new Error(`demo sync failed: ${sync.runs.map((run) => run.error).filter(Boolean).join('; ')}`);
      counts = sumCounts(sync.runs.map((run) => run.counts));
      // A snapshot as of a week before, published first, is what the digests compare the current one with.
      const weekBefore = daysBefore(options.asOf, config.digest.sinceDays);
      await timed('compute week before', () => runCompute(config, { asOf: weekBefore, runtime }));
      await timed('publish week before', () => runPublish(config, { runtime }));
      await timed('compute', () => runCompute(config, { asOf: options.asOf, runtime }));
      snapshot = (await timed('publish', () => runPublish(config, { runtime }))).snapshot;
      await timed('digests', () => writeDemoDigests(runtime.reports, config, join(dir, 'reports', 'digests')));
      alerts = await timed('alerts', () => runDemoAlerts(runtime, config, join(dir, 'reports', 'alerts')));
      const snapshotDir = await materializeLatest(runtime.reports, join(dir, 'site-snapshot'));
      await timed('site', () => buildSite({ snapshotDir, outDir: join(dir, 'site'), logLevel: 'silent', privacy: config.privacy }));
    } finally {
      await runtime.close();
    }
    return { siteDir: join(dir, 'site'), snapshot, timings, counts, dir, configFile: join(dir, 'pmpulse.config.json'), alerts };
  } finally {
    await Promise.all([jira.close(), asana.close(), azureDevOps?.close(), linear?.close()]);
  }
}

async function writeDemoConfig(dir: string, org: Parameters<typeof demoThemes>[0], jiraUrl: string, asanaUrl: string, ado?: ReturnType<typeof azureDevOpsDemoConfig>, moreSources: Record<string, unknown>[] = []): Promise<Config> {
  const raw = {
    store: { type: 'embedded', dir: join(dir, 'db') },
    reports: { type: 'dir', dir: join(dir, 'reports') },
    sources: [
      { type: 'jira', name: 'jira', baseUrl: jiraUrl, email: demoCredentials.jira.email, tokenEnv: TOKEN_ENV.jira, fields: demoOwnershipConfig(org).fields },
      { type: 'asana', name: 'asana', baseUrl: asanaUrl, tokenEnv: TOKEN_ENV.asana, fields: demoOwnershipConfig(org).fields },
      ...(ado ? [ado.source] : []),
      ...moreSources,
    ],
    themes: demoThemes(org),
    people: ado?.people ?? demoPeople(org),
    portfolioTargets: demoPortfolioTargets(org),
    projectRules: [...demoOwnershipConfig(org).projectRules, ...(ado?.projectRules ?? [])],
    digest: demoDelivery,
    alerts: DEMO_ALERT_RULES.map((rule) => ({ ...rule })),
  };
  await mkdir(dir, { recursive: true });
  // Written out so a user can see what a real config looks like; the servers' ports change per run.
  await writeFile(join(dir, 'pmpulse.config.json'), `${JSON.stringify(raw, null, 2)}\n`);
  return parseConfig(raw, join(dir, 'pmpulse.config.json'));
}

function sumCounts(all: Partial<Record<string, number>>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const counts of all) for (const [kind, n] of Object.entries(counts)) total[kind] = (total[kind] ?? 0) + (n ?? 0);
  return total;
}
