import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDirReportStore } from '../../functions/publish/dir-report-store.ts';
import { isPublishValidationError, isSnapshotReadError } from '../../functions/contract/errors.ts';
import { publishSnapshot, readLatest, readSnapshot } from '../../functions/publish/publisher.ts';
import type { ReportStore } from '../../functions/publish/report-store.ts';
import type { PortfoliosDoc, ProjectsDoc } from '../../functions/contract/documents.ts';
import { AS_OF, sampleDocuments } from './sample-documents.ts';

interface JsonSchema {
  required?: string[];
  properties: Record<string, { deprecated?: boolean; description?: string; items?: { required?: string[] } } | undefined>;
}

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A dir store that also records the order of its writes. */
async function recordingStore(): Promise<{ store: ReportStore; writes: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'pmpulse-publish-'));
  dirs.push(dir);
  const inner = createDirReportStore(dir);
  const writes: string[] = [];
  const store: ReportStore = {
    ...inner,
    async putJson(key, value) {
      await inner.putJson(key, value);
      writes.push(key);
    },
  };
  return { store, writes };
}

const now = () => new Date('2026-03-31T20:35:07.123Z');
const thrown = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => new Error('expected a rejection'), (error: unknown) => error);

describe('publishSnapshot', () => {
  it('writes every document under a new snapshot, the JSON Schemas, then latest.json last', async () => {
    const { store, writes } = await recordingStore();
    const latest = await publishSnapshot(store, sampleDocuments(), { now, asOf: AS_OF });
    expect(latest.snapshot).toMatch(/^20260331T203507Z-[0-9a-f]{8}$/);
    expect(latest).toMatchObject({ schemaVersion: 1, generatedAt: '2026-03-31T20:35:07.123Z', asOf: AS_OF });
    expect(latest.documents).toEqual(['managers.json', 'projects.json', 'portfolios.json', 'alignment.json', 'quality.json', 'forecasts.json']);
    expect(await store.list(`snapshots/${latest.snapshot}/`)).toEqual(
      ['alignment.json', 'forecasts.json', 'managers.json', 'portfolios.json', 'projects.json', 'quality.json'].map((name) => `snapshots/${latest.snapshot}/${name}`),
    );
    expect(await store.list('schemas/')).toEqual(
      ['alignment', 'forecasts', 'latest', 'managers', 'portfolios', 'projects', 'quality'].map((name) => `schemas/v1/${name}.schema.json`),
    );
    expect(writes.at(-1)).toBe('latest.json');
    expect(writes.filter((key) => key === 'latest.json')).toHaveLength(1);
    expect(await store.getJson('latest.json')).toEqual(latest);
  });

  it('publishes JSON Schemas a data team can validate against', async () => {
    const { store } = await recordingStore();
    await publishSnapshot(store, sampleDocuments(), { now, asOf: AS_OF });
    const schema = await store.getJson<{ type: string; required: string[] }>('schemas/v1/managers.schema.json');
    expect(schema?.type).toBe('object');
    expect(schema?.required).toEqual(expect.arrayContaining(['schemaVersion', 'asOf', 'managers', 'company']));
  });

  it('publishes portfolios.json with the portfolio figures of projects.json, and its JSON Schema', async () => {
    const { store } = await recordingStore();
    const docs = sampleDocuments();
    const latest = await publishSnapshot(store, docs, { now, asOf: AS_OF });
    const published = await store.getJson<PortfoliosDoc>(`snapshots/${latest.snapshot}/portfolios.json`);
    const projects = await store.getJson<ProjectsDoc>(`snapshots/${latest.snapshot}/projects.json`);
    expect(published).toEqual({ schemaVersion: 1, asOf: AS_OF, portfolios: projects?.portfolios });
    expect(published?.portfolios.length).toBeGreaterThan(0);
    const schema = await store.getJson<JsonSchema>('schemas/v1/portfolios.schema.json');
    expect(schema?.required).toEqual(['schemaVersion', 'asOf', 'portfolios']);
    expect(schema?.properties.portfolios?.items?.required).toEqual(['name', 'projects', 'hours', 'evm', 'health']);
    // The copy inside projects.json stays for readers of schemaVersion 1, marked for removal.
    const projectsSchema = await store.getJson<JsonSchema>('schemas/v1/projects.schema.json');
    expect(projectsSchema?.properties.portfolios).toMatchObject({ deprecated: true, description: expect.stringContaining('portfolios.json') });
  });

  it('rejects an invalid portfolios.json, naming it, and writes nothing', async () => {
    const { store, writes } = await recordingStore();
    const docs = sampleDocuments();
    const first = docs['portfolios.json'].portfolios[0];
    if (!first) throw new Error('fixture has portfolios');
    (first as Record<string, unknown>).health = 'red';
    const error = await thrown(publishSnapshot(store, docs, { now, asOf: AS_OF }));
    expect(isPublishValidationError(error) && error.document).toBe('portfolios.json');
    expect(isPublishValidationError(error) && error.issues.map((issue) => issue.path)).toEqual(['portfolios[0].health']);
    expect(writes).toEqual([]);
  });

  it('gives different content different snapshot ids, sortable by time', async () => {
    const { store } = await recordingStore();
    const docs = sampleDocuments();
    const first = await publishSnapshot(store, docs, { now, asOf: AS_OF });
    docs['quality.json'].unmatchedIdentities = [];
    const second = await publishSnapshot(store, docs, { now, asOf: AS_OF });
    const third = await publishSnapshot(store, docs, { now: () => new Date('2026-04-01T06:00:00Z'), asOf: AS_OF });
    expect(second.snapshot).not.toBe(first.snapshot);
    expect(second.snapshot.slice(0, 16)).toBe(first.snapshot.slice(0, 16));
    expect([third.snapshot, first.snapshot].sort()).toEqual([first.snapshot, third.snapshot]);
    expect((await readLatest(store))?.snapshot).toBe(third.snapshot);
  });

  it('rejects an invalid document, naming it and the key path, and writes nothing', async () => {
    const { store, writes } = await recordingStore();
    const docs = sampleDocuments();
    const managers = docs['managers.json'].managers[0];
    if (!managers) throw new Error('fixture has managers');
    (managers.values as Record<string, unknown>).spi = { value: 'high', n: 9, smallSample: true };
    const error = await thrown(publishSnapshot(store, docs, { now, asOf: AS_OF }));
    expect(isPublishValidationError(error)).toBe(true);
    if (!isPublishValidationError(error)) return;
    expect(error.document).toBe('managers.json');
    expect(error.issues.map((issue) => issue.path)).toEqual(['managers[0].values.spi.value']);
    expect(error.message).toContain('managers.json: managers[0].values.spi.value');
    expect(writes).toEqual([]);
    expect(await store.list('')).toEqual([]);
  });

  it('rejects documents computed for another day than the snapshot', async () => {
    const { store } = await recordingStore();
    const error = await thrown(publishSnapshot(store, sampleDocuments(), { now, asOf: '2026-04-01' }));
    expect(isPublishValidationError(error) && error.issues[0]?.path).toBe('asOf');
    expect(await store.list('')).toEqual([]);
  });
});

describe('readLatest and readSnapshot', () => {
  it('read back exactly the published documents', async () => {
    const { store } = await recordingStore();
    const docs = sampleDocuments();
    const latest = await publishSnapshot(store, docs, { now, asOf: AS_OF });
    const read = await readLatest(store);
    expect(read).toEqual(latest);
    expect(await readSnapshot(store, latest)).toEqual(docs);
  });

  it('derive portfolios.json from projects.json for a snapshot published before it existed', async () => {
    const { store } = await recordingStore();
    const docs = sampleDocuments();
    const latest = await publishSnapshot(store, docs, { now, asOf: AS_OF });
    await store.delete([`snapshots/${latest.snapshot}/portfolios.json`]);
    const older = { ...latest, documents: latest.documents.filter((name) => name !== 'portfolios.json') };
    expect((await readSnapshot(store, older))['portfolios.json']).toEqual(docs['portfolios.json']);
    // A snapshot that lists it must have it.
    const missing = await thrown(readSnapshot(store, latest));
    expect(isSnapshotReadError(missing) && missing.key).toBe(`snapshots/${latest.snapshot}/portfolios.json`);
  });

  it('find nothing in an empty store', async () => {
    const { store } = await recordingStore();
    expect(await readLatest(store)).toBeUndefined();
  });

  it('report a missing or broken document of the snapshot', async () => {
    const { store } = await recordingStore();
    const latest = await publishSnapshot(store, sampleDocuments(), { now, asOf: AS_OF });
    await store.delete([`snapshots/${latest.snapshot}/projects.json`]);
    const missing = await thrown(readSnapshot(store, latest));
    expect(isSnapshotReadError(missing) && missing.key).toBe(`snapshots/${latest.snapshot}/projects.json`);
    await store.putJson('latest.json', { snapshot: 42 });
    expect(isSnapshotReadError(await thrown(readLatest(store)))).toBe(true);
  });
});
