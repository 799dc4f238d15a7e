import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.ts';
import { fixtureDir, tempDir } from './helpers.ts';

/** `pmpulse site build` takes the config's privacy block into the pages, and refuses a bad one before building. */
describe('site build with a privacy config', () => {
  let work: string;
  beforeAll(async () => {
    work = await tempDir('privacy-build');
  });
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('says whom to ask on the no-access page and holds back by the configured minGroup', async () => {
    const config = path.join(work, 'pmpulse.config.json');
    await writeFile(config, JSON.stringify({ privacy: { minGroup: 12, accessContact: 'the PMO desk, ext. 4711' } }));
    const out = path.join(work, 'site');
    const result = await runCli(['site', 'build', '--snapshot', fixtureDir, '--out', out, '--config', config], { timeoutMs: 300_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(await readFile(path.join(out, 'no-access/index.html'), 'utf8')).toContain('ask the PMO desk, ext. 4711.');
    expect(await readFile(path.join(out, 'anonymous/kpi/hoursLogged/index.html'), 'utf8')).toContain('hidden: fewer than 12 people counted');
  }, 300_000);

  it('exits 2 naming privacy.minGroup, building nothing', async () => {
    const config = path.join(work, 'bad.json');
    await writeFile(config, JSON.stringify({ privacy: { minGroup: 0 } }));
    const result = await runCli(['site', 'build', '--snapshot', fixtureDir, '--out', path.join(work, 'bad-site'), '--config', config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('privacy.minGroup');
  });
});
