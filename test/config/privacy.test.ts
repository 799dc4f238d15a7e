import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/index.ts';
import { problemsOf } from './config-problems.ts';
import { runCli } from '../cli/run-cli.ts';

describe('privacy config', () => {
  it('defaults minGroup to 5 and takes a whole number of at least 2', () => {
    expect(parseConfig({}).privacy).toEqual({ minGroup: 5 });
    expect(parseConfig({ privacy: { minGroup: 8, accessContact: 'the PMO, pmo@acme.example' } }).privacy).toEqual({ minGroup: 8, accessContact: 'the PMO, pmo@acme.example' });
  });

  it('names the key of a bad value', () => {
    for (const minGroup of [1, 0, 2.5, '5', -3]) {
      const problems = problemsOf({ privacy: { minGroup } });
      expect(problems.length, String(minGroup)).toBeGreaterThan(0);
      expect(problems.join('\n'), String(minGroup)).toContain('privacy.minGroup');
    }
    expect(problemsOf({ privacy: { minGroup: 5, grup: 3 } }).join('\n')).toContain('privacy');
  });

  it('makes config check exit 2 naming privacy.minGroup', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pmpulse-privacy-'));
    try {
      const file = join(dir, 'bad.json');
      await writeFile(file, JSON.stringify({ privacy: { minGroup: 1 } }));
      const result = await runCli(['config', 'check', file]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('privacy.minGroup');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
