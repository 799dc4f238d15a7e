import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const COMMANDS = ['sync', 'compute', 'publish', 'run', 'demo', 'site build', 'site serve', 'config check', 'forget', 'digest', 'alerts'];

describe('pmpulse CLI', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pmpulse-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists every command in --help', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of COMMANDS) expect(result.stdout).toContain(`  ${command} `);
  });

  it('gives each command its own --help', async () => {
    for (const command of COMMANDS) {
      const result = await runCli([...command.split(' '), '--help']);
      expect(result.code, command).toBe(0);
      expect(result.stdout, command).toContain(`Usage: pmpulse ${command}`);
    }
    // One CLI start per command, one after another: on a loaded 2-core machine each start takes seconds.
  }, 240_000);

  it('exits 2 on an unknown command or option', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    const bad = await runCli(['sync', '--bogus']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--bogus');
  });

  it('config check names every bad key and exits 2', async () => {
    const file = join(dir, 'bad.config.json');
    await writeFile(file, JSON.stringify({ store: { type: 'dynamodb' }, sources: [{ type: 'jira', name: 'j', baseUrl: 'nope', email: 'a@b.c', tokenEnv: 'T' }] }));
    const result = await runCli(['config', 'check', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('store.table');
    expect(result.stderr).toContain('sources[0].baseUrl');
  });

  it('config check lists bad portfolio targets with their key paths', async () => {
    const file = join(dir, 'targets.config.json');
    const themes = [{ id: 'growth', name: 'Growth', target: 0.3, match: {} }, { id: 'platform', name: 'Platform', target: 0.5, match: {} }];
    await writeFile(file, JSON.stringify({ themes, portfolioTargets: { Growth: { growth: 0.9, ai: 0.1 } } }));
    const result = await runCli(['config', 'check', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('portfolioTargets.Growth.ai: unknown theme "ai"');
    // Its own 0.9 for growth plus the company's 0.5 for platform (ai is no theme, so it adds nothing).
    expect(result.stderr).toContain("portfolioTargets.Growth: targets add up to 1.400 (with the company's target for platform), more than 1");
  });

  it('config check accepts a valid file', async () => {
    const file = join(dir, 'good.config.json');
    await writeFile(file, JSON.stringify({ sources: [{ type: 'asana', name: 'asana', tokenEnv: 'SOME_TOKEN' }] }));
    const result = await runCli(['config', 'check', file], { env: { SOME_TOKEN: 'x' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ok (1 sources, 0 themes)');
  });

  it('sync with a missing config file exits 2 naming the file', async () => {
    const result = await runCli(['sync', '--config', join(dir, 'absent.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/absent\.json: file not found/);
  });

  it('sync against an unreachable source exits 1 with a one-line error', async () => {
    const file = join(dir, 'unreachable.config.json');
    await writeFile(
      file,
      JSON.stringify({
        store: { type: 'embedded', dir: join(dir, 'db') },
        reports: { type: 'dir', dir: join(dir, 'reports') },
        sources: [{ type: 'jira', name: 'jira', baseUrl: 'http://127.0.0.1:9', email: 'a@b.c', tokenEnv: 'PMPULSE_TEST_TOKEN' }],
      }),
    );
    const result = await runCli(['sync', '--config', file], { env: { PMPULSE_TEST_TOKEN: 'secret-token-value' } });
    expect(result.code).toBe(1);
    const errorLines = result.stderr.trim().split('\n').filter((line) => line.includes('jira'));
    expect(errorLines.length).toBeGreaterThanOrEqual(1);
    expect(errorLines[0]).toMatch(/sync jira failed: .*127\.0\.0\.1:9/);
    expect(result.stderr).not.toContain('secret-token-value');
  });

  it('sync with an unset token variable exits 2 naming it', async () => {
    const file = join(dir, 'notoken.config.json');
    await writeFile(file, JSON.stringify({ sources: [{ type: 'asana', name: 'asana', tokenEnv: 'PMPULSE_UNSET_TOKEN' }] }));
    const result = await runCli(['sync', '--config', file], { env: { PMPULSE_UNSET_TOKEN: '' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PMPULSE_UNSET_TOKEN');
  });
});
