import { cp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSite } from '../../site/build.ts';
import { isSnapshotError } from '../../site/src/lib/snapshot.ts';
import { fixtureDir, readFixture, tempDir } from './helpers.ts';

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the build to fail');
}

describe('buildSite with a broken snapshot', () => {
  let snapshotDir: string;

  beforeEach(async () => {
    snapshotDir = await tempDir('broken');
    await cp(fixtureDir, snapshotDir, { recursive: true });
  });

  afterEach(() => rm(snapshotDir, { recursive: true, force: true }));

  it('fails naming the missing document', async () => {
    await rm(path.join(snapshotDir, 'alignment.json'));
    const error = await failure(buildSite({ snapshotDir, outDir: path.join(snapshotDir, 'out') }));
    expect(isSnapshotError(error)).toBe(true);
    expect(error.message).toContain(path.join(snapshotDir, 'alignment.json'));
    expect(error.message).toContain('missing');
  });

  it('fails naming the invalid document and the bad field', async () => {
    const managers = (await readFixture('managers.json')) as { kpis: { unit: string }[] };
    managers.kpis[0]!.unit = 'furlongs';
    await writeFile(path.join(snapshotDir, 'managers.json'), JSON.stringify(managers));
    const error = await failure(buildSite({ snapshotDir, outDir: path.join(snapshotDir, 'out') }));
    expect(error.message).toContain('managers.json');
    expect(error.message).toContain('kpis[0].unit');
  });

  it('fails naming latest.json when it is not JSON', async () => {
    await writeFile(path.join(snapshotDir, 'latest.json'), '{ not json');
    const error = await failure(buildSite({ snapshotDir, outDir: path.join(snapshotDir, 'out') }));
    expect(error.message).toMatch(/latest\.json: not valid JSON/);
  });
});
