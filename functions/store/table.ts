import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { attempt, hasErrorName, StoreError } from './errors.ts';

/**
 * The one table, as data, so the CDK stack declares exactly what `ensureTable` creates locally.
 * `type: 'S'` is the value of CDK's `AttributeType.STRING`; the billing mode is CDK's
 * `BillingMode.PAY_PER_REQUEST`. All item layout lives in the sort of the keys (see keys.ts).
 */
export const tableKeySchema = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  billingMode: 'PAY_PER_REQUEST',
} as const;

/** Only what table creation needs: both the plain and the document client provide it. */
export interface TableClient {
  send: DynamoDBClient['send'];
}

export interface EnsureTableOptions {
  sleep?: (ms: number) => Promise<void>;
  /** How long to wait for the table to become ACTIVE. */
  timeoutMs?: number;
}

async function tableStatus(client: TableClient, name: string): Promise<string | undefined> {
  try {
    const result = await client.send(new DescribeTableCommand({ TableName: name }));
    return result.Table?.TableStatus ?? 'UNKNOWN';
  } catch (error) {
    if (hasErrorName(error, 'ResourceNotFoundException')) return undefined;
    throw error;
  }
}

async function createTable(client: TableClient, name: string): Promise<void> {
  const { partitionKey, sortKey, billingMode } = tableKeySchema;
  try {
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: billingMode,
        AttributeDefinitions: [
          { AttributeName: partitionKey.name, AttributeType: partitionKey.type },
          { AttributeName: sortKey.name, AttributeType: sortKey.type },
        ],
        KeySchema: [
          { AttributeName: partitionKey.name, KeyType: 'HASH' },
          { AttributeName: sortKey.name, KeyType: 'RANGE' },
        ],
      }),
    );
  } catch (error) {
    // Another process created it between our describe and create: that is what we wanted.
    if (!hasErrorName(error, 'ResourceInUseException')) throw error;
  }
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Creates the table when it is missing and waits until it is ACTIVE. */
export async function ensureTable(client: TableClient, name: string, options: EnsureTableOptions = {}): Promise<void> {
  const sleep = options.sleep ?? pause;
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  await attempt('ensureTable', name, async () => {
    let status = await tableStatus(client, name);
    if (status === undefined) {
      await createTable(client, name);
      status = await tableStatus(client, name);
    }
    while (status !== 'ACTIVE') {
      if (Date.now() > deadline) throw new StoreError('ensureTable', name, `table is still ${status ?? 'missing'}`);
      await sleep(250);
      status = await tableStatus(client, name);
    }
  });
}
