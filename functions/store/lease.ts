import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { attempt, hasErrorName } from './errors.ts';
import { leasePk } from './keys.ts';

/**
 * A run lease on conditional writes alone (no transactions: dynalite has none). The put succeeds
 * only when no lease exists, the holder's lease has expired, or the caller already holds it (a
 * renewal). A crashed run's lease simply expires, so nobody has to clean up after it.
 */
export interface LeaseContext {
  client: DynamoDBDocumentClient;
  table: string;
  now: () => Date;
}

export async function acquireLease(context: LeaseContext, name: string, owner: string, ttlMs: number): Promise<boolean> {
  const now = context.now();
  const nowMs = now.getTime();
  return attempt('acquireLease', context.table, async () => {
    try {
      await context.client.send(
        new PutCommand({
          TableName: context.table,
          Item: { pk: leasePk, sk: name, owner, expiresAt: nowMs + ttlMs, acquiredAt: now.toISOString() },
          ConditionExpression: 'attribute_not_exists(pk) OR #expiresAt < :now OR #owner = :owner',
          ExpressionAttributeNames: { '#expiresAt': 'expiresAt', '#owner': 'owner' },
          ExpressionAttributeValues: { ':now': nowMs, ':owner': owner },
        }),
      );
      return true;
    } catch (error) {
      if (hasErrorName(error, 'ConditionalCheckFailedException')) return false;
      throw error;
    }
  });
}

/** Deletes the lease only when `owner` holds it; someone else's lease is left alone. */
export async function releaseLease(context: LeaseContext, name: string, owner: string): Promise<void> {
  await attempt('releaseLease', context.table, async () => {
    try {
      await context.client.send(
        new DeleteCommand({
          TableName: context.table,
          Key: { pk: leasePk, sk: name },
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': owner },
        }),
      );
    } catch (error) {
      if (!hasErrorName(error, 'ConditionalCheckFailedException')) throw error;
    }
  });
}
