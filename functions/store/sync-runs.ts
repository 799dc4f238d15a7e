import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { attempt, hasErrorName } from './errors.ts';
import { withoutUndefined } from './items.ts';
import { latestRunPk, runPk } from './keys.ts';
import { queryAll } from './query.ts';
import type { SyncRun } from './store.ts';

/**
 * Each run is kept twice: in the source's history (sorted by start time) and as the source's
 * latest run, so the data-quality page reads one small partition instead of every history.
 */
export interface RunContext {
  client: DynamoDBDocumentClient;
  table: string;
}

export async function putSyncRun(context: RunContext, run: SyncRun): Promise<void> {
  const { client, table } = context;
  const stored = withoutUndefined(run);
  await attempt('putSyncRun', table, async () => {
    // History first: if the second write fails, the run is still on record.
    await client.send(new PutCommand({ TableName: table, Item: { pk: runPk(run.source), sk: run.startedAt, run: stored } }));
    try {
      await client.send(
        new PutCommand({
          TableName: table,
          Item: { pk: latestRunPk, sk: run.source, startedAt: run.startedAt, run: stored },
          // A run reported late (a slow Lambda) must not hide a newer one.
          ConditionExpression: 'attribute_not_exists(pk) OR startedAt <= :startedAt',
          ExpressionAttributeValues: { ':startedAt': run.startedAt },
        }),
      );
    } catch (error) {
      if (!hasErrorName(error, 'ConditionalCheckFailedException')) throw error;
    }
  });
}

export async function listLatestSyncRuns(context: RunContext): Promise<SyncRun[]> {
  const items = await queryAll(context.client, context.table, latestRunPk, { operation: 'listLatestSyncRuns' });
  return items.map((item) => item.run as SyncRun);
}

/** One source's runs, newest first. */
export async function listSyncRuns(context: RunContext, source: string, limit?: number): Promise<SyncRun[]> {
  const items = await queryAll(context.client, context.table, runPk(source), {
    operation: 'listSyncRuns',
    descending: true,
    limit,
  });
  return items.map((item) => item.run as SyncRun);
}
