import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDirReportStore } from '../../functions/publish/dir-report-store.ts';
import { openReportStore } from '../../functions/publish/open.ts';
import { reportStoreContract } from './report-store-contract.ts';

const dirs: string[] = [];
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pmpulse-reports-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('createDirReportStore', () => {
  reportStoreContract(async () => createDirReportStore(await freshDir()));

  it('writes plain JSON files and leaves no temporary file behind', async () => {
    const dir = await freshDir();
    const store = createDirReportStore(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.putJson('latest.json', { i })));
    expect(await readdir(dir)).toEqual(['latest.json']);
    expect(JSON.parse(await readFile(join(dir, 'latest.json'), 'utf8'))).toHaveProperty('i');
  });

  it('lists nothing in a directory that does not exist yet', async () => {
    const store = createDirReportStore(join(await freshDir(), 'later'));
    expect(await store.list('')).toEqual([]);
  });

  it('is what openReportStore gives for a dir config', async () => {
    const dir = await freshDir();
    const store = openReportStore({ type: 'dir', dir });
    expect(store.describe()).toBe(`dir ${dir}`);
  });
});
