/**
 * The demo company's sync alone into a fresh packed store, with the chunk limits given; then every
 * record delivered is looked for in what `scanRecords` returns, kind by kind. This is how the lost
 * records of the embedded store were found (docs/deploy.md, "Lost records in the embedded store").
 *
 *     node bench/store-compute/sync-replay.ts [scale] [maxRecords] [cachedEntries]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../functions/config/index.ts';
import { openRuntime, runSync } from '../../functions/pipeline/index.ts';
import { createLogger } from '../../functions/runtime/logger.ts';
import { demoCredentials, demoOwnershipConfig, demoPeople, demoPortfolioTargets, demoThemes, generateOrg, type DemoScale } from '../../demo/generator/index.ts';
import { startAsanaServer } from '../../demo/servers/asana-server.ts';
import { startJiraServer } from '../../demo/servers/jira-server.ts';

const [scale = 'small', maxRecords = '8', cached = '50000'] = process.argv.slice(2);
const org = generateOrg({ seed: 42, scale: scale as DemoScale, asOf: '2026-11-01' });
const dir = await mkdtemp(join(tmpdir(), 'pmpulse-replay-'));
const [jira, asana] = await Promise.all([startJiraServer(org), startAsanaServer(org)]);
process.env.R_JIRA = demoCredentials.jira.token;
process.env.R_ASANA = demoCredentials.asana.token;
const ownership = demoOwnershipConfig(org);
const config = parseConfig({
  store: { type: 'embedded', dir: join(dir, 'db') },
  reports: { type: 'dir', dir: join(dir, 'reports') },
  sources: [
    { type: 'jira', name: 'jira', baseUrl: jira.url, email: demoCredentials.jira.email, tokenEnv: 'R_JIRA', fields: ownership.fields },
    { type: 'asana', name: 'asana', baseUrl: asana.url, tokenEnv: 'R_ASANA', fields: ownership.fields },
  ],
  themes: demoThemes(org), people: demoPeople(org), portfolioTargets: demoPortfolioTargets(org), projectRules: ownership.projectRules,
});
try {
  const runtime = await openRuntime(config, { log: createLogger({ quiet: true }), storeOptions: { chunkLimits: { maxRecords: Number(maxRecords), maxBytes: 240_000, cachedEntries: Number(cached) } } });
  const model = new Map<string, Set<string>>();
  const store = runtime.store as any;
  const original = store.putRecords.bind(store);
  store.putRecords = async (kind: string, records: { id: string }[]) => {
    const ids = model.get(kind) ?? new Set(); model.set(kind, ids);
    for (const r of records) ids.add(r.id);
    return original(kind, records);
  };
  try {
    const sync = await runSync(config, { runtime });
    console.log('ok', sync.ok, sync.runs.map((r) => r.error ?? '').join(';'));
    for (const [kind, ids] of model) {
      const seen = new Set<string>();
      for await (const page of runtime.store.scanRecords(kind as never)) for (const r of page as { id: string }[]) seen.add(r.id);
      const missing = [...ids].filter((id) => !seen.has(id));
      console.log(kind, 'delivered', ids.size, 'stored', seen.size, 'missing', missing.length, missing.slice(0, 5).join(' '));
    }
  } finally { await runtime.close(); }
} finally {
  await Promise.all([jira.close(), asana.close()]);
  await rm(dir, { recursive: true, force: true });
}
