import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemsOf } from './config-problems.ts';

const TOKEN = 'tok-5ecret-never-printed';
const jira = { type: 'jira', name: 'jira', baseUrl: 'https://acme.atlassian.net', email: 'pm@example.com', tokenEnv: 'INPUTS_TOKEN' };
const asana = { type: 'asana', name: 'asana', tokenEnv: 'INPUTS_TOKEN' };

/** [url, accepted]: https anywhere; http only to this machine; nothing else, and no credentials in the URL. */
const urls: [string, boolean][] = [
  ['https://acme.atlassian.net', true],
  ['https://app.asana.com/api/1.0', true],
  ['http://127.0.0.1:9000/api/1.0', true],
  ['http://localhost:8080', true],
  ['http://LOCALHOST:8080/', true],
  ['http://[::1]:8080', true],
  ['http://acme.atlassian.net', false],
  ['http://10.0.0.5:8080', false],
  ['http://127.0.0.1.nip.io', false],
  ['http://localhost.evil.example', false],
  ['file:///etc/passwd', false],
  ['gopher://127.0.0.1:25/_HELO', false],
  ['ftp://acme.example', false],
  ['javascript:alert(1)', false],
  ['https://pm%40example.com:tok@acme.atlassian.net', false],
  ['https://someone@acme.atlassian.net', false],
  ['http://user:pw@127.0.0.1:9000', false],
];

describe('source URLs in the config', () => {
  it.each(urls)('jira baseUrl %s: accepted %s', (url, accepted) => {
    const problems = problemsOf({ sources: [{ ...jira, baseUrl: url }] });
    if (accepted) expect(problems).toEqual([]);
    else expect(problems).toEqual([expect.stringMatching(/^sources\[0\]\.baseUrl: must (be an https: URL|not carry a user name)/)]);
  });

  it.each(urls)('asana baseUrl %s: accepted %s', (url, accepted) => {
    expect(problemsOf({ sources: [{ ...asana, baseUrl: url }] }).length === 0).toBe(accepted);
  });

  it.each(urls)('jira gatewayUrl %s: accepted %s', (url, accepted) => {
    const problems = problemsOf({ sources: [{ ...jira, auth: 'scoped', gatewayUrl: url }] });
    expect(problems.length === 0).toBe(accepted);
    for (const problem of problems) expect(problem).toMatch(/^sources\[0\]\.gatewayUrl: /);
  });

  it('keeps the default Asana address, which is https', () => {
    expect(problemsOf({ sources: [asana] })).toEqual([]);
  });

  it('never repeats credentials written into the URL', () => {
    const problems = problemsOf({ sources: [{ ...jira, baseUrl: `https://pm:${TOKEN}@acme.atlassian.net` }] }).join('\n');
    expect(problems).toContain('sources[0].baseUrl');
    expect(problems).not.toContain(TOKEN);
  });
});

function cli(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/pmpulse.js', ...args], { env: { ...process.env, INPUTS_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('every command with a source URL that is not https', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pmpulse-source-url-'));
    file = join(dir, 'config.json');
    // Three bad URLs in one config: every problem is listed at once, so one run per command shows all three.
    const sources = [
      { ...jira, baseUrl: 'http://acme.atlassian.net' },
      { ...asana, baseUrl: 'file:///etc/passwd' },
      { ...jira, name: 'jira-scoped', auth: 'scoped', gatewayUrl: `https://pm:${TOKEN}@api.atlassian.com` },
    ];
    await writeFile(file, JSON.stringify({ store: { type: 'embedded', dir: join(dir, 'db') }, reports: { type: 'dir', dir: join(dir, 'reports') }, sources }));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const commands: [string, (file: string) => string[]][] = [
    ['config check', (file) => ['config', 'check', file]],
    ['sync', (file) => ['sync', '--config', file]],
    ['compute', (file) => ['compute', '--config', file]],
    ['publish', (file) => ['publish', '--config', file]],
    ['run', (file) => ['run', '--config', file]],
    ['sources inspect', (file) => ['sources', 'inspect', 'jira', '--config', file]],
    ['site build', (file) => ['site', 'build', '--config', file, '--out', join(dir, 'site')]],
  ];

  // A CLI start takes seconds on a loaded machine; the budget is generous, the assertions are not about time.
  it.each(commands)('%s exits 2 naming each key, and prints no token', { timeout: 180_000 }, async (_name, args) => {
    const { code, output } = await cli(args(file));
    expect(code, output).toBe(2);
    expect(output).toMatch(/sources\[0\]\.baseUrl: must be an https: URL/);
    expect(output).toMatch(/sources\[1\]\.baseUrl: must be an https: URL/);
    expect(output).toMatch(/sources\[2\]\.gatewayUrl: must not carry a user name or password/);
    expect(output).not.toContain(TOKEN);
  });
});
