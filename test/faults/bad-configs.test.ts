import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const jira = { type: 'jira', name: 'jira', baseUrl: 'http://127.0.0.1:9', email: 'pm@example.com', tokenEnv: 'FAULTS_TOKEN' };
const TOKEN = 'tok-5ecret-never-printed';

/** Each bad config, and the key its error must name. */
const corpus: [string, unknown, RegExp][] = [
  ['unknown top-level key', { sourcez: [] }, /sourcez/],
  ['store of an unknown type', { store: { type: 'mysql' } }, /store/],
  ['source name with capitals', { sources: [{ ...jira, name: 'Jira' }] }, /sources\[0\]\.name/],
  ['source without tokenEnv', { sources: [{ ...jira, tokenEnv: undefined }] }, /tokenEnv/],
  ['baseUrl that is no URL', { sources: [{ ...jira, baseUrl: 'not a url' }] }, /baseUrl/],
  ['duplicate source names', { sources: [jira, jira] }, /sources\[1\]\.name/],
  ['theme targets above 1', { themes: [{ id: 'a', name: 'A', target: 0.7, match: {} }, { id: 'b', name: 'B', target: 0.6, match: {} }] }, /themes/],
  ['kpi key that does not exist', { kpi: { windowDayz: 30 } }, /windowDayz/],
  ['time zone that does not exist', { kpi: { timeZone: 'Europe/Atlantis' } }, /kpi\.timeZone/],
];

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/pmpulse.js', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('pmpulse sync with bad configs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pmpulse-bad-config-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(corpus)('exits 2 and names the key: %s', async (name, config, key) => {
    const file = join(dir, `${name.replaceAll(' ', '-')}.json`);
    await writeFile(file, JSON.stringify(config));
    const { code, output } = await cli(['sync', '--config', file], { ...process.env, FAULTS_TOKEN: TOKEN });
    expect(code, output).toBe(2);
    expect(output).toMatch(key);
    expect(output).not.toContain(TOKEN);
  });

  it('names a missing token variable without printing any token', async () => {
    const file = join(dir, 'missing-token.json');
    await writeFile(file, JSON.stringify({ store: { type: 'embedded', dir: join(dir, 'db') }, sources: [jira] }));
    const { code, output } = await cli(['sync', '--config', file], { ...process.env, FAULTS_TOKEN: '', OTHER: TOKEN });
    expect(code, output).toBe(2);
    expect(output).toMatch(/FAULTS_TOKEN/);
    expect(output).not.toContain(TOKEN);
  });
});
