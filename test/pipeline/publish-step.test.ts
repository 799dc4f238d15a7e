import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Config } from '../../functions/config/index.ts';
import { runPublish } from '../../functions/pipeline/publish.ts';
import type { Runtime } from '../../functions/pipeline/runtime.ts';
import { STAGING_MANIFEST, stagingKey, type StagingManifest } from '../../functions/pipeline/staging.ts';
import type { SnapshotDocuments } from '../../functions/contract/documents.ts';
import { createDirReportStore } from '../../functions/publish/dir-report-store.ts';
import { AS_OF, sampleDocuments } from '../publish/sample-documents.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const config = { reports: { retentionDays: 30 } } as unknown as Config;
const quiet = { info() {}, warn() {}, error() {}, debug() {} };

/** A report store with the documents staged as compute leaves them, and a runtime around it. */
async function staged(names: (keyof SnapshotDocuments)[]): Promise<Runtime> {
  const dir = await mkdtemp(join(tmpdir(), 'pmpulse-stage-'));
  dirs.push(dir);
  const reports = createDirReportStore(dir);
  const docs = sampleDocuments();
  for (const name of names) await reports.putJson(stagingKey(name), docs[name]);
  const manifest: StagingManifest = { asOf: AS_OF, computedAt: '2026-03-31T20:35:00.000Z', documents: names };
  await reports.putJson(STAGING_MANIFEST, manifest);
  return { reports, now: () => new Date('2026-03-31T20:40:00Z'), log: quiet } as unknown as Runtime;
}

const ALL: (keyof SnapshotDocuments)[] = ['managers.json', 'forecasts.json', 'projects.json', 'portfolios.json', 'alignment.json', 'quality.json'];

describe('runPublish', () => {
  it('publishes every staged document, portfolios.json included, and lists it in latest.json', async () => {
    const runtime = await staged(ALL);
    const latest = await runPublish(config, { runtime });
    expect(latest.documents).toContain('portfolios.json');
    const portfolios = await runtime.reports.getJson<SnapshotDocuments['portfolios.json']>(`snapshots/${latest.snapshot}/portfolios.json`);
    const projects = await runtime.reports.getJson<SnapshotDocuments['projects.json']>(`snapshots/${latest.snapshot}/projects.json`);
    expect(portfolios?.portfolios).toEqual(projects?.portfolios);
  });

  it('refuses staging from a compute that did not write portfolios.json, and publishes nothing', async () => {
    const runtime = await staged(ALL.filter((name) => name !== 'portfolios.json'));
    await expect(runPublish(config, { runtime })).rejects.toThrow(/staging lacks portfolios\.json: run compute again/);
    expect(await runtime.reports.getJson('latest.json')).toBeUndefined();
  });
});
