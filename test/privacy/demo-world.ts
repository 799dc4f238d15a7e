import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { parseConfig, type Config } from '../../functions/config/index.ts';
import { demoCredentials, demoOwnershipConfig, demoPeople, demoPortfolioTargets, demoThemes, generateOrg, type DemoOrg } from '../../demo/generator/index.ts';
import { startAsanaServer, startJiraServer, type RunningServer } from '../../demo/servers/index.ts';
import { startEmbeddedDynamo } from '../../functions/store/index.ts';
import { decodeEntries } from '../../functions/store/chunks.ts';
import { documentClient } from '../store/helpers.ts';
import { silentLog } from '../connectors/helpers/local-server.ts';

/**
 * The small demo company served by the demo Jira and Asana servers, with a config like the one
 * `pmpulse demo` writes (people[] with every account as an alias, the ownership rules), an
 * embedded store and a report directory of its own; the servers stay up for a later sync.
 */
export interface DemoWorld {
  org: DemoOrg;
  dir: string;
  /** The raw config, as written to `configFile`; `write` rewrites it (a person removed, say). */
  raw: RawConfig;
  configFile: string;
  config(): Config;
  write(raw: RawConfig): Promise<void>;
  close(): Promise<void>;
}

export type RawConfig = Record<string, unknown> & { people: { id: string; name: string; email: string; aliases: string[] }[]; projectRules: { pm?: string }[] };

export const TOKEN_ENV = { PRIVACY_JIRA_TOKEN: demoCredentials.jira.token, PRIVACY_ASANA_TOKEN: demoCredentials.asana.token };
export const quietLog = { ...silentLog, debug() {} } as never;

export async function startDemoWorld(asOf: string): Promise<DemoWorld> {
  const org = generateOrg({ seed: 42, scale: 'small', asOf });
  const servers: RunningServer[] = [await startJiraServer(org), await startAsanaServer(org)];
  const dir = await mkdtemp(join(tmpdir(), 'pmpulse-privacy-'));
  const configFile = join(dir, 'pmpulse.config.json');
  const ownership = demoOwnershipConfig(org);
  const raw: RawConfig = {
    store: { type: 'embedded', dir: join(dir, 'db') },
    reports: { type: 'dir', dir: join(dir, 'reports') },
    sources: [
      { type: 'jira', name: 'jira', baseUrl: servers[0]!.url, email: demoCredentials.jira.email, tokenEnv: 'PRIVACY_JIRA_TOKEN', fields: ownership.fields },
      { type: 'asana', name: 'asana', baseUrl: servers[1]!.url, tokenEnv: 'PRIVACY_ASANA_TOKEN', fields: ownership.fields },
    ],
    themes: demoThemes(org),
    people: demoPeople(org),
    portfolioTargets: demoPortfolioTargets(org),
    projectRules: ownership.projectRules as RawConfig['projectRules'],
  };
  Object.assign(process.env, TOKEN_ENV);
  const world: DemoWorld = {
    org,
    dir,
    raw,
    configFile,
    config: () => parseConfig(world.raw, configFile),
    async write(next) {
      world.raw = next;
      await writeFile(configFile, `${JSON.stringify(next, null, 2)}\n`);
    },
    async close() {
      await Promise.all(servers.map((server) => server.close()));
      await rm(dir, { recursive: true, force: true });
    },
  };
  await world.write(raw);
  return world;
}

/** Every item of the store's table as JSON text, read with a plain Scan (the store must be closed). */
export async function storeItems(world: DemoWorld): Promise<string[]> {
  const server = await startEmbeddedDynamo({ dir: join(world.dir, 'db') });
  const client = documentClient(server.endpoint);
  try {
    const items: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: 'pmpulse', ExclusiveStartKey: startKey }));
      // A chunk's records are gzipped: searched as the JSON they are, or a name in them would go unseen.
      for (const item of page.Items ?? []) items.push(JSON.stringify(String(item.pk).startsWith('PACK#') ? { ...item, body: decodeEntries(item.body) } : item));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  } finally {
    client.destroy();
    await server.close();
  }
}

/** Every file of the report directory: its key and its text. */
export async function reportFiles(world: DemoWorld): Promise<Map<string, string>> {
  const root = join(world.dir, 'reports');
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = new Map<string, string>();
  for (const entry of entries.filter((e) => e.isFile())) {
    const path = join(entry.parentPath, entry.name);
    files.set(path.slice(root.length + 1), await readFile(path, 'utf8'));
  }
  return files;
}

export const digest = (texts: Iterable<string>): string => {
  const hash = createHash('sha256');
  for (const text of [...texts].sort()) hash.update(text).update('\0');
  return hash.digest('hex');
};
