export type { Store, SyncCheckpoint, SyncRun } from './store.ts';
export { DynamoStore, type DynamoStoreOptions } from './dynamo-store.ts';
export { openStore, type OpenStoreOptions } from './open.ts';
export { startEmbeddedDynamo, type EmbeddedDynamo } from './embedded-server.ts';
export { ensureTable, tableKeySchema, type TableClient } from './table.ts';
export { StoreError, isStoreError } from './errors.ts';
export { SHARD_COUNT } from './keys.ts';
export { DirLockedError, isDirLockedError } from './dir-lock.ts';
