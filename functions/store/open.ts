import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StoreConfig } from '../config/index.ts';
import { DynamoStore, type DynamoStoreOptions } from './dynamo-store.ts';
import { startEmbeddedDynamo } from './embedded-server.ts';
import { attempt } from './errors.ts';
import type { Store } from './store.ts';

export type OpenStoreOptions = Omit<DynamoStoreOptions, 'onClose'>;

/** The embedded server checks no signature, but the SDK refuses to sign without credentials. */
const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** DynamoDB Local or dynalite on this machine: no AWS account behind it. */
function isLoopback(endpoint: string | undefined): boolean {
  if (endpoint === undefined) return false;
  const host = new URL(endpoint).hostname;
  return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
}

function documentClient(region: string | undefined, endpoint: string | undefined, local: boolean): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: region ?? (local ? 'local' : undefined),
    endpoint,
    ...(local ? { credentials: localCredentials } : {}),
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

async function openEmbedded(config: Extract<StoreConfig, { type: 'embedded' }>, options: OpenStoreOptions): Promise<Store> {
  const server = await attempt('open', config.table, () => startEmbeddedDynamo({ dir: config.dir }));
  const client = documentClient('local', server.endpoint, true);
  const store = new DynamoStore(client, config.table, {
    ...options,
    onClose: async () => {
      client.destroy();
      await server.close();
    },
  });
  return withTable(store);
}

/** Creates the table if needed; a store that cannot get its table is closed, not leaked. */
async function withTable(store: DynamoStore): Promise<Store> {
  try {
    await store.ensureTable();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/**
 * Opens the configured store. Embedded: starts the local server on `config.dir` and creates the
 * table; close() stops the server. DynamoDB: the table belongs to the CDK stack, so it is created
 * here only when an endpoint is set (DynamoDB Local, dynalite run by hand), where nobody else will.
 * A loopback endpoint gets dummy credentials; any other uses the default AWS credential chain.
 */
export async function openStore(config: StoreConfig, options: OpenStoreOptions = {}): Promise<Store> {
  if (config.type === 'embedded') return openEmbedded(config, options);
  const client = documentClient(config.region, config.endpoint, isLoopback(config.endpoint));
  const store = new DynamoStore(client, config.table, { ...options, onClose: async () => client.destroy() });
  return config.endpoint === undefined ? store : withTable(store);
}
