import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoStore } from './dynamo-store.ts';
import { attempt, hasErrorName } from './errors.ts';
import type { Store } from './store.ts';

/**
 * The kept state of the alert rules, one item per rule, beside the Store interface (only the
 * `alerts` command reads it):
 *
 * | item        | pk      | sk      |
 * |-------------|---------|---------|
 * | alert state | `ALERT` | rule id |
 *
 * The item holds the subjects the rule last recorded as firing and a revision that grows by one
 * with each write. A write names the revision it read and succeeds only if the item still has it
 * (a conditional put, as leases take theirs): of two runs that read the same state, one records
 * and the other is refused, so one subject is announced once.
 */
export const ALERT_PK = 'ALERT';

export interface AlertState {
  firing: string[];
  /** 0 for a rule never recorded. */
  revision: number;
  updatedAt?: string;
}

export class AlertStateTable {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(access: { client: DynamoDBDocumentClient; table: string }) {
    this.#client = access.client;
    this.#table = access.table;
  }

  /** The table of a DynamoStore; undefined for any other Store (none keeps alert state). */
  static of(store: Store): AlertStateTable | undefined {
    return store instanceof DynamoStore ? new AlertStateTable(store.tableAccess()) : undefined;
  }

  async read(ruleId: string): Promise<AlertState> {
    const result = await attempt('readAlertState', this.#table, () =>
      this.#client.send(new GetCommand({ TableName: this.#table, Key: { pk: ALERT_PK, sk: ruleId }, ConsistentRead: true })),
    );
    const item = result.Item;
    if (!item) return { firing: [], revision: 0 };
    return {
      firing: Array.isArray(item.firing) ? item.firing.filter((s): s is string => typeof s === 'string') : [],
      revision: typeof item.revision === 'number' ? item.revision : 0,
      ...(typeof item.updatedAt === 'string' ? { updatedAt: item.updatedAt } : {}),
    };
  }

  /** Records `firing` if the rule's item is still at `readRevision`; false when another run wrote first. */
  async write(ruleId: string, firing: readonly string[], readRevision: number, now: Date = new Date()): Promise<boolean> {
    return attempt('writeAlertState', this.#table, async () => {
      try {
        await this.#client.send(
          new PutCommand({
            TableName: this.#table,
            Item: { pk: ALERT_PK, sk: ruleId, firing: [...firing], revision: readRevision + 1, updatedAt: now.toISOString() },
            ...(readRevision === 0
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : { ConditionExpression: '#revision = :revision', ExpressionAttributeNames: { '#revision': 'revision' }, ExpressionAttributeValues: { ':revision': readRevision } }),
          }),
        );
        return true;
      } catch (error) {
        if (hasErrorName(error, 'ConditionalCheckFailedException')) return false;
        throw error;
      }
    });
  }
}
