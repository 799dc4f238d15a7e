import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { BatchWriteOptions, Key } from './batch-writer.ts';
import { hasErrorName, StoreError, toStoreError } from './errors.ts';

/**
 * What the table holds under a key, as far as the version guard cares: the stored version (epoch
 * ms) and whether it is a tombstone. Read with BatchGetItem, 100 keys a request, so the guard
 * costs one small read per 100 records instead of one conditional write per record.
 */
export interface StoredVersion {
  version?: number;
  deleted: boolean;
}

const GET_SIZE = 100;
const throttled = ['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded'];

export const keyString = (key: Key): string => `${key.pk}\u0000${key.sk}`;

async function getChunk(
  client: DynamoDBDocumentClient,
  table: string,
  keys: Key[],
  options: BatchWriteOptions,
  found: Map<string, StoredVersion>,
): Promise<void> {
  let pending = keys;
  for (let attempt = 0; attempt < options.maxAttempts; attempt++) {
    if (attempt > 0) await options.sleep(Math.round(Math.min(5_000, options.baseDelayMs * 2 ** attempt) * Math.random()));
    try {
      const result = await client.send(
        new BatchGetCommand({
          RequestItems: {
            [table]: {
              Keys: pending,
              ConsistentRead: true,
              ProjectionExpression: 'pk, sk, #version, #deleted',
              ExpressionAttributeNames: { '#version': 'version', '#deleted': 'deleted' },
            },
          },
        }),
      );
      for (const item of result.Responses?.[table] ?? []) {
        const version = typeof item.version === 'number' ? item.version : undefined;
        found.set(keyString(item as Key), { ...(version === undefined ? {} : { version }), deleted: item.deleted === true });
      }
      pending = (result.UnprocessedKeys?.[table]?.Keys ?? []) as Key[];
      if (pending.length === 0) return;
    } catch (error) {
      if (!hasErrorName(error, ...throttled)) throw toStoreError(error, 'batchGet', table);
    }
  }
  throw new StoreError('batchGet', table, `${pending.length} key(s) still unread after ${options.maxAttempts} attempts`);
}

/** The stored version of every key that exists; absent keys are missing from the map. */
export async function currentVersions(
  client: DynamoDBDocumentClient,
  table: string,
  keys: readonly Key[],
  options: BatchWriteOptions,
): Promise<Map<string, StoredVersion>> {
  const unique = [...new Map(keys.map((key) => [keyString(key), { pk: key.pk, sk: key.sk }])).values()];
  const found = new Map<string, StoredVersion>();
  let next = 0;
  const worker = async () => {
    while (next < unique.length) {
      const chunk = unique.slice(next, next + GET_SIZE);
      next += GET_SIZE;
      await getChunk(client, table, chunk, options, found);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, Math.ceil(unique.length / GET_SIZE)));
  await Promise.all(Array.from({ length: workers }, worker));
  return found;
}
