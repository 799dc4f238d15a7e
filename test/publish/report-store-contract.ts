import { expect, it } from 'vitest';
import { isReportStoreError, type ReportStore } from '../../functions/publish/report-store.ts';

/** The behaviour every report store shares; each store's test file runs it against a fresh store. */
export function reportStoreContract(fresh: () => Promise<ReportStore> | ReportStore): void {
  it('reads back what it wrote, and undefined for a key never written', async () => {
    const store = await fresh();
    await store.putJson('a/b/doc.json', { n: 1, text: 'é' });
    expect(await store.getJson('a/b/doc.json')).toEqual({ n: 1, text: 'é' });
    expect(await store.getJson('a/b/none.json')).toBeUndefined();
  });

  it('overwrites a key in place', async () => {
    const store = await fresh();
    await store.putJson('latest.json', { v: 1 });
    await store.putJson('latest.json', { v: 2 });
    expect(await store.getJson('latest.json')).toEqual({ v: 2 });
    expect(await store.list('')).toEqual(['latest.json']);
  });

  it('lists keys under a prefix, sorted, and deletes them', async () => {
    const store = await fresh();
    for (const key of ['snapshots/2/x.json', 'snapshots/1/y.json', 'snapshots/1/x.json', 'schemas/v1/x.schema.json']) {
      await store.putJson(key, {});
    }
    expect(await store.list('snapshots/')).toEqual(['snapshots/1/x.json', 'snapshots/1/y.json', 'snapshots/2/x.json']);
    await store.delete(['snapshots/1/x.json', 'snapshots/1/y.json', 'snapshots/9/absent.json']);
    expect(await store.list('')).toEqual(['schemas/v1/x.schema.json', 'snapshots/2/x.json']);
  });

  it('refuses keys that could leave its root', async () => {
    const store = await fresh();
    const error = await store.putJson('../outside.json', {}).catch((caught: unknown) => caught);
    expect(isReportStoreError(error)).toBe(true);
    await expect(store.getJson('/abs.json')).rejects.toThrow(/not a valid report key/);
  });
}
