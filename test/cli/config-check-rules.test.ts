import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../functions/domain/index.ts';
import { openStore } from '../../functions/store/index.ts';
import { runCli } from './run-cli.ts';

/** `pmpulse config check` on projectRules: from the config alone, and against the store's projects. */

const sources = [{ type: 'jira', name: 'jira', baseUrl: 'https://acme.atlassian.net', email: 'a@b.c', tokenEnv: 'RULES_TOKEN' }];
const people = [{ id: 'ana@acme.com', aliases: ['jira:ana'] }, { id: 'bo@acme.com' }];
const rules = [
  { match: { category: 'Platform' }, pm: 'ana@acme.com' }, // 0: decides PAY's PM
  { match: { project: 'NOPE' }, pm: 'bo@acme.com' }, // 1: no such project
  { match: { category: 'platform' }, pm: 'bo@acme.com' }, // 2: repeats 0
  { match: { source: 'jira' }, pm: 'bo@acme.com' }, // 3: decides OPS's PM (no category)
  { match: { name: 'pay' }, portfolio: 'Payments' }, // 4: sets a portfolio only
];
const project = (id: string, key: string, portfolio?: string): Project => ({
  id: `jira:${id}`, source: 'jira', sourceId: id, key, name: `${key} project`, tags: [], pmId: 'jira:lead', ...(portfolio ? { portfolio } : {}),
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pmpulse-rules-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function configFile(name: string, storeDir: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, JSON.stringify({ store: { type: 'embedded', dir: storeDir }, sources, people, projectRules: rules }));
  return file;
}

describe('config check on projectRules', () => {
  it('with an empty store, says so, still reports a repeated rule, and creates no store', async () => {
    const storeDir = join(dir, 'absent-db');
    const result = await runCli(['config', 'check', await configFile('empty.json', storeDir)], { env: { RULES_TOKEN: 'x' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ok (1 sources, 0 themes, 5 project rules)');
    expect(result.stderr).toContain('warning: projectRules[2]: the same match as projectRules[0], which comes first: it never decides anything');
    expect(result.stderr).toContain('note: projectRules not checked against projects: the store holds none yet');
    expect(result.stderr).not.toContain('projectRules[1]');
    expect(existsSync(storeDir)).toBe(false);
  });

  it("against the store's projects, names each rule that matches none or never decides a PM", async () => {
    const storeDir = join(dir, 'db');
    const store = await openStore({ type: 'embedded', dir: storeDir, table: 'pmpulse' });
    try {
      await store.putRecords('project', [project('1', 'PAY', 'Platform'), project('2', 'OPS')]);
    } finally {
      await store.close();
    }
    const result = await runCli(['config', 'check', await configFile('stored.json', storeDir)], { env: { RULES_TOKEN: 'x' } });
    expect(result.code).toBe(0);
    const warnings = result.stderr.split('\n').filter((line) => line.startsWith('warning: projectRules'));
    expect(warnings).toEqual([
      'warning: projectRules[2]: the same match as projectRules[0], which comes first: it never decides anything',
      'warning: projectRules[1]: matches none of the 2 projects in the store',
      'warning: projectRules[2]: matches 1 project(s), but a more specific or earlier rule decides the PM of each',
    ]);
  }, 60_000);

  it('exits 2 naming the key of a bad rule', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ sources, people, projectRules: [{ match: { category: 'X' }, pm: 'carl@acme.com' }] }));
    const result = await runCli(['config', 'check', file], { env: { RULES_TOKEN: 'x' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('projectRules[0].pm: "carl@acme.com" is neither a people[] id or alias nor <source>:<person id> of a configured source');
  });
});
