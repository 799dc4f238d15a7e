import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimeEntry } from '../../functions/domain/index.ts';
import { accountKey, erasureDigest } from '../../functions/privacy/erasure-list.ts';
import { withErasures } from '../../functions/privacy/erasing-store.ts';
import { ErasureTable } from '../../functions/store/erasure-table.ts';
import type { DynamoStore } from '../../functions/store/index.ts';
import { startHarness, type Harness } from '../store/helpers.ts';

const TOKEN = 'erased-1a2b3c4d';
const entry = (n: number): TimeEntry => ({ id: `jira:w${n}`, source: 'jira', sourceId: `w${n}`, projectId: 'jira:p', personId: 'jira:ann', date: '2026-01-02', hours: n });

async function personIds(store: DynamoStore): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for await (const page of store.scanRecords('timeEntry')) for (const record of page) ids[record.id] = record.personId;
  return ids;
}

async function erase(store: DynamoStore, recordId: string): Promise<void> {
  const table = ErasureTable.of(store)!;
  const secret = await table.secret();
  await table.addEntries([{ digest: erasureDigest(secret, accountKey(recordId)), token: TOKEN, erasedAt: '2026-12-06T00:00:00Z' }]);
}

describe('withErasures', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it('stores records of an erased account under the anonymous account, with the list as it stood when the lease was taken', async () => {
    const store = await harness.freshStore();
    const erasing = withErasures(store);
    await erasing.putRecords('timeEntry', [entry(1)]);
    // Erased while this writer holds no lease: it keeps the list it read until it takes one.
    await erase(store, 'jira:ann');
    await erasing.putRecords('timeEntry', [entry(2)]);
    expect(await erasing.acquireLease('sync', 'me', 60_000)).toBe(true);
    await erasing.putRecords('timeEntry', [entry(3)]);
    expect(await personIds(store)).toEqual({ 'jira:w1': 'jira:ann', 'jira:w2': 'jira:ann', 'jira:w3': `jira:${TOKEN}` });
  });

  it('lets a caller wrap its methods without wrapping the store inside', async () => {
    const store = await harness.freshStore();
    await erase(store, 'jira:ann');
    const erasing = withErasures(store);
    const put = erasing.putRecords.bind(erasing);
    let calls = 0;
    erasing.putRecords = async (kind, records) => {
      calls += 1;
      await put(kind, records);
    };
    await erasing.putRecords('timeEntry', [entry(4)]);
    expect(calls).toBe(1);
    expect(await personIds(store)).toEqual({ 'jira:w4': `jira:${TOKEN}` });
  });
});
