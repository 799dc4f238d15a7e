import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { attempt } from './errors.ts';
import { checkpointPk } from './keys.ts';
import type { SyncCheckpoint } from './store.ts';

/**
 * A source's checkpoint is its own item, apart from the cursor: a checkpoint may carry as much as
 * a cursor (the ids a full listing has seen so far), and each has the item size limit to itself.
 * The pipeline drops it after the cursor advances; `base` (the cursor it began from) tells a
 * checkpoint left behind by a crash between the two writes.
 */
export interface CheckpointContext {
  client: DynamoDBDocumentClient;
  table: string;
  now: () => Date;
}

export async function getCheckpoint(context: CheckpointContext, source: string): Promise<SyncCheckpoint | undefined> {
  const { client, table } = context;
  const result = await attempt('getCheckpoint', table, () => client.send(new GetCommand({ TableName: table, Key: { pk: checkpointPk, sk: source }, ConsistentRead: true })));
  const item = result.Item;
  if (typeof item?.checkpoint !== 'string') return undefined;
  return { checkpoint: item.checkpoint, read: String(item.read ?? ''), base: String(item.base ?? '') };
}

export async function setCheckpoint(context: CheckpointContext, source: string, checkpoint: SyncCheckpoint | undefined): Promise<void> {
  const { client, table } = context;
  const key = { pk: checkpointPk, sk: source };
  if (checkpoint === undefined) {
    await attempt('setCheckpoint', table, () => client.send(new DeleteCommand({ TableName: table, Key: key })));
    return;
  }
  const item = { ...key, ...checkpoint, updatedAt: context.now().toISOString() };
  await attempt('setCheckpoint', table, () => client.send(new PutCommand({ TableName: table, Item: item })));
}
