import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigSchema, type Config } from '../../functions/config/index.ts';
import { demoCredentials, generateOrg, type DemoOrg } from '../../demo/generator/index.ts';
import { startAsanaServer, startJiraServer, type RunningServer } from '../../demo/servers/index.ts';
import { startFaultProxy, type FaultProxy, type FaultProxyOptions } from './fault-proxy.ts';

/**
 * The world a fault test syncs from: a trimmed demo org (a few projects of each system, so a
 * sync takes a second or two) served by the demo Jira and Asana servers, each behind a fault proxy.
 */
export interface World {
  org: DemoOrg;
  dir: string;
  jira: FaultProxy;
  asana: FaultProxy;
  env: NodeJS.ProcessEnv;
  /** A config whose store and reports live under `dir/<name>`. */
  config(name: string, store?: Config['store']): Config;
  /** The same config written to `dir/<name>.json`, for child processes. */
  configFile(name: string, store?: Config['store']): Promise<string>;
  close(): Promise<void>;
}

export type ProxyFaults = Omit<FaultProxyOptions, 'target' | 'seed'>;

/** Keeps `projects` projects of each system with their tasks and worklogs; people stay whole. */
export function trimOrg(org: DemoOrg, projects: number): DemoOrg {
  const kept = new Set(
    (['jira', 'asana'] as const).flatMap((system) => org.projects.filter((project) => project.system === system).slice(0, projects).map((p) => p.id)),
  );
  const tasks = org.tasks.filter((task) => kept.has(task.projectId));
  const taskIds = new Set(tasks.map((task) => task.id));
  return { ...org, projects: org.projects.filter((project) => kept.has(project.id)), tasks, worklogs: org.worklogs.filter((w) => taskIds.has(w.taskId)) };
}

export async function startWorld(options: { seed: number; projects: number; faults?: ProxyFaults }): Promise<World> {
  const org = trimOrg(generateOrg({ seed: 11, scale: 'small', asOf: '2026-03-31' }), options.projects);
  const dir = await mkdtemp(join(tmpdir(), 'pmpulse-faults-'));
  const servers: RunningServer[] = [await startJiraServer(org), await startAsanaServer(org)];
  const faults: ProxyFaults = options.faults ?? { rate: 0, kinds: [] };
  const jira = await startFaultProxy({ target: servers[0]!.url, seed: options.seed, ...faults });
  const asana = await startFaultProxy({ target: servers[1]!.url, seed: options.seed + 1, ...faults });
  const env = { ...process.env, FAULTS_JIRA_TOKEN: demoCredentials.jira.token, FAULTS_ASANA_TOKEN: demoCredentials.asana.token };
  const config = (name: string, store?: Config['store']): Config =>
    ConfigSchema.parse({
      store: store ?? { type: 'embedded', dir: join(dir, name, 'db'), table: 'pmpulse' },
      reports: { type: 'dir', dir: join(dir, name, 'reports') },
      sources: [
        { type: 'jira', name: 'jira', baseUrl: jira.url, email: demoCredentials.jira.email, tokenEnv: 'FAULTS_JIRA_TOKEN' },
        { type: 'asana', name: 'asana', baseUrl: asana.url, tokenEnv: 'FAULTS_ASANA_TOKEN' },
      ],
    });
  return {
    org,
    dir,
    jira,
    asana,
    env,
    config,
    async configFile(name, store) {
      const file = join(dir, `${name}.json`);
      await writeFile(file, JSON.stringify(config(name, store), null, 2));
      return file;
    },
    async close() {
      await Promise.all([jira.close(), asana.close()]);
      await Promise.all(servers.map((server) => server.close()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
