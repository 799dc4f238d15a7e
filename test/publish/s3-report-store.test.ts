import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReportStore } from '../../functions/publish/open.ts';
import { publishSnapshot, readLatest, readSnapshot } from '../../functions/publish/publisher.ts';
import type { ReportStore } from '../../functions/publish/report-store.ts';
import { createS3ReportStore } from '../../functions/publish/s3-report-store.ts';
import { reportStoreContract } from './report-store-contract.ts';
import { AS_OF, sampleDocuments } from './sample-documents.ts';
import { BUCKET, CREDENTIALS, startS3 } from './s3-server.ts';

let s3: Awaited<ReturnType<typeof startS3>>;
let storeCount = 0;

beforeAll(async () => {
  s3 = await startS3();
});
afterAll(async () => {
  await s3?.stop();
});

/** Each test gets its own prefix in the one bucket, which also checks that stores keep to their prefix. */
function freshStore(): ReportStore {
  storeCount += 1;
  return openReportStore({ type: 's3', bucket: BUCKET, prefix: `run-${storeCount}`, endpoint: s3.endpoint }, { credentials: CREDENTIALS });
}

describe('createS3ReportStore', () => {
  reportStoreContract(freshStore);

  it('describes itself by bucket and prefix', () => {
    const store = createS3ReportStore({ bucket: BUCKET, prefix: 'pmpulse', endpoint: s3.endpoint, credentials: CREDENTIALS });
    expect(store.describe()).toBe('s3://reports/pmpulse/');
  });

  it('pages through a listing longer than one page', async () => {
    const store = createS3ReportStore({ bucket: BUCKET, prefix: 'paged', endpoint: s3.endpoint, credentials: CREDENTIALS, listPageSize: 5 });
    const keys = Array.from({ length: 12 }, (_, i) => `many/${String(i).padStart(2, '0')}.json`);
    await Promise.all(keys.map((key) => store.putJson(key, { key })));
    // 12 keys at 5 a page: three ListObjectsV2 requests joined by continuation tokens.
    expect(await store.list('many/')).toEqual(keys);
  });

  it('publishes a snapshot and reads it back', async () => {
    const store = freshStore();
    const docs = sampleDocuments();
    const latest = await publishSnapshot(store, docs, { now: () => new Date('2026-03-31T20:35:00Z'), asOf: AS_OF });
    expect(await readLatest(store)).toEqual(latest);
    expect(await readSnapshot(store, latest)).toEqual(docs);
    expect(await store.list(`snapshots/${latest.snapshot}/`)).toHaveLength(6);
  });
});
