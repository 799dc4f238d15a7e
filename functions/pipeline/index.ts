export { runSync, type SyncOptions, type SyncSummary } from './sync.ts';
export type { SyncProgress, SyncProgressListener } from './sync-progress.ts';
export { deadlineIn, lambdaDeadline, lambdaMarginMs, type SyncDeadline } from './deadline.ts';
export { runCompute, type ComputeOptions } from './compute.ts';
export { runPublish } from './publish.ts';
export { openRuntime, withRuntime, type Runtime, type RuntimeOptions } from './runtime.ts';
export { openStoreRuntime, withStoreRuntime, type StoreRuntime, type StoreRuntimeOptions } from './store-runtime.ts';
export { PipelineError, isPipelineError, describeError } from './errors.ts';
