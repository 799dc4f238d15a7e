import type { BatchWriteCommandInput, BatchWriteCommandOutput, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchPut } from '../../functions/store/batch-writer.ts';
import { isStoreError } from '../../functions/store/index.ts';
import { documentClient, pagesOf, startHarness, timeEntry, type Harness } from './helpers.ts';

/**
 * DynamoDB leaves items unprocessed or throttles under load; dynalite never does. This wraps a
 * real client with SDK middleware that plays that part, so the store's own code path is tested
 * against the real server: `unprocessed(call)` says how many items of each request to hold back,
 * `throttle(call)` whether to fail the call as throttled.
 */
function flaky(client: DynamoDBDocumentClient, unprocessed: (call: number) => number, throttle = (_call: number) => false) {
  const stats = { calls: 0, throttled: 0, heldBack: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'BatchWriteItemCommand') return next(args);
      const call = stats.calls++;
      if (throttle(call)) {
        stats.throttled++;
        throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      }
      const input = args.input as BatchWriteCommandInput;
      const table = Object.keys(input.RequestItems ?? {})[0] ?? '';
      const requests = input.RequestItems?.[table] ?? [];
      const held = requests.slice(0, unprocessed(call));
      stats.heldBack += held.length;
      const sent = { ...args, input: { ...input, RequestItems: { [table]: requests.slice(held.length) } } };
      const result = held.length === requests.length ? { output: {} as BatchWriteCommandOutput, response: {} } : await next(sent);
      (result.output as BatchWriteCommandOutput).UnprocessedItems = held.length ? { [table]: held } : {};
      return result;
    },
    { step: 'initialize', name: 'flakyBatchWrites' },
  );
  return stats;
}

describe('DynamoStore batch writes', () => {
  let harness: Harness;
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
  };
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('retries unprocessed items until every item is written', async () => {
    // Prepare: every third request comes back with 10 of its items unprocessed.
    const client = documentClient(harness.server.endpoint);
    const stats = flaky(client, (call) => (call % 3 === 0 ? 10 : 0));
    const store = await harness.freshStore({ sleep }, client);
    const entries = Array.from({ length: 500 }, (_, n) => timeEntry('timesheet', n));
    // Act
    await store.putRecords('timeEntry', entries);
    // Assess
    const stored = (await pagesOf(store.scanRecords('timeEntry'))).flat();
    expect(stats.heldBack).toBeGreaterThan(0);
    expect(new Set(stored.map((entry) => entry.id)).size).toBe(500);
    expect(stored).toHaveLength(500);
    expect(sleeps.length).toBeGreaterThan(0);
    client.destroy();
  });

  it('retries a throttled request whole', async () => {
    const client = documentClient(harness.server.endpoint);
    const stats = flaky(client, () => 0, (call) => call < 3);
    const store = await harness.freshStore({ sleep, writeConcurrency: 1 }, client);
    await store.putRecords('timeEntry', Array.from({ length: 60 }, (_, n) => timeEntry('timesheet', n)));
    expect(stats.throttled).toBe(3);
    expect((await pagesOf(store.scanRecords('timeEntry'))).flat()).toHaveLength(60);
    client.destroy();
  });

  it('fails with a StoreError when items stay unprocessed, never dropping them quietly', async () => {
    const client = documentClient(harness.server.endpoint);
    flaky(client, () => 25);
    const store = await harness.freshStore({ sleep, maxWriteAttempts: 4 }, client);
    const attempt = store.putRecords('timeEntry', [timeEntry('timesheet', 1)]);
    await expect(attempt).rejects.toSatisfy(isStoreError);
    await expect(attempt).rejects.toThrow(/1 item\(s\) still unprocessed after 4 attempts/);
    client.destroy();
  });

  it('doubles the backoff before each retry of the same batch', async () => {
    const client = documentClient(harness.server.endpoint);
    flaky(client, (call) => (call < 4 ? 1 : 0));
    const store = await harness.freshStore({}, client);
    const delays: number[] = [];
    const options = { sleep: async (ms: number) => void delays.push(ms), concurrency: 1, maxAttempts: 10, baseDelayMs: 50, random: () => 1 };
    const items = [1, 2].map((n) => ({ pk: 'T', sk: String(n) }));
    await batchPut(client, store.table, items, options);
    expect(delays).toEqual([100, 200, 400, 800]);
    client.destroy();
  });
});
