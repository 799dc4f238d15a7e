import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { attempt } from './errors.ts';

export interface QueryPagesOptions {
  /** The operation named in errors (the Store method the query serves). */
  operation: string;
  /** Items per page; unset lets DynamoDB fill pages up to 1 MB. */
  pageSize?: number;
  /** Only sort keys starting with this. */
  skPrefix?: string;
  /** Descending sort-key order, e.g. newest run first. */
  descending?: boolean;
  /** Stop after this many items in all. */
  limit?: number;
  /** Only these top-level attributes (ProjectionExpression): less to read, send and decode. */
  attributes?: readonly string[];
  /** Strongly consistent: what a writer about to change the partition must see. */
  consistent?: boolean;
}

/** Attribute names go through placeholders: some (`record`) are DynamoDB reserved words. */
function projection(attributes: readonly string[] | undefined) {
  if (attributes === undefined || attributes.length === 0) return {};
  return {
    ProjectionExpression: attributes.map((_, i) => `#a${i}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(attributes.map((name, i) => [`#a${i}`, name])),
  };
}

/** Every item of one partition, a page (one Query response) at a time. */
export async function* queryPages(
  client: DynamoDBDocumentClient,
  table: string,
  pk: string,
  options: QueryPagesOptions,
): AsyncGenerator<Record<string, unknown>[], void, undefined> {
  let startKey: Record<string, unknown> | undefined;
  let remaining = options.limit ?? Infinity;
  do {
    const pageLimit = Math.min(options.pageSize ?? Infinity, remaining);
    const result = await attempt(options.operation, table, () =>
      client.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: options.skPrefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
          ExpressionAttributeValues: options.skPrefix ? { ':pk': pk, ':prefix': options.skPrefix } : { ':pk': pk },
          ScanIndexForward: !options.descending,
          Limit: Number.isFinite(pageLimit) ? pageLimit : undefined,
          ExclusiveStartKey: startKey,
          ...(options.consistent ? { ConsistentRead: true } : {}),
          ...projection(options.attributes),
        }),
      ),
    );
    const items = result.Items ?? [];
    remaining -= items.length;
    if (items.length > 0) yield items;
    startKey = result.LastEvaluatedKey;
  } while (startKey && remaining > 0);
}

/** Every item of one partition in one array: for the small partitions (registry, cursors, runs). */
export async function queryAll(
  client: DynamoDBDocumentClient,
  table: string,
  pk: string,
  options: QueryPagesOptions,
): Promise<Record<string, unknown>[]> {
  const all: Record<string, unknown>[] = [];
  for await (const page of queryPages(client, table, pk, options)) all.push(...page);
  return all;
}
