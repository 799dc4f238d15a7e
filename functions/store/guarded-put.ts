import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchPut, type BatchWriteOptions, type Item } from './batch-writer.ts';
import { currentVersions, keyString, type StoredVersion } from './current-versions.ts';
import { newestPerKey, replaces } from './version-guard.ts';

/** How a guarded put went: items written, and items refused because the table held a newer one. */
export interface GuardedPutResult {
  written: Item[];
  stale: number;
}

/**
 * Writes only the items that are at least as new as what the table holds (version-guard.ts).
 * BatchWriteItem takes no conditions, so the stored versions are read first and the write follows.
 * That read-then-write is safe because one sync at a time writes records (the sync lease); a
 * second writer racing between the two steps could otherwise slip an older version in.
 *
 * `known`, when given, holds the exact stored versions of every key of these items' partition
 * (see known-versions.ts): the read is skipped; the caller remembers what was written.
 */
export async function guardedPut(
  client: DynamoDBDocumentClient,
  table: string,
  items: readonly Item[],
  options: BatchWriteOptions,
  known?: Map<string, StoredVersion>,
): Promise<GuardedPutResult> {
  const candidates = newestPerKey(items);
  const stored = known ?? (await currentVersions(client, table, candidates, options));
  const fresh = candidates.filter((item) => replaces(item, stored.get(keyString(item))));
  await batchPut(client, table, fresh, options);
  return { written: fresh, stale: items.length - fresh.length };
}

export function storedVersionOf(item: Item): StoredVersion {
  const version = typeof item.version === 'number' ? { version: item.version } : {};
  return { ...version, deleted: item.deleted === true };
}
