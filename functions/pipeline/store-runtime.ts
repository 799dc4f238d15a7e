import type { Config } from '../config/index.ts';
import type { Store } from '../store/store.ts';
import { openStore, type OpenStoreOptions } from '../store/index.ts';
import { withErasures } from '../privacy/erasing-store.ts';
import type { Logger } from '../runtime/logger.ts';
import { createLogger } from '../runtime/logger.ts';

/**
 * What a step that reads and writes only the store runs with (sync). It leaves the report store
 * out, so a bundle of such a step carries no S3 client; `Runtime` adds the report store to it.
 */
export interface StoreRuntime {
  config: Config;
  store: Store;
  now: () => Date;
  log: Logger;
  fetch: typeof fetch;
  env: NodeJS.ProcessEnv;
}

export interface StoreRuntimeOptions {
  now?: () => Date;
  log?: Logger;
  fetch?: typeof fetch;
  env?: NodeJS.ProcessEnv;
  /** An already open runtime: steps run in one process share one store connection. */
  runtime?: StoreRuntime;
  /** How the store is read and written (read concurrency, page size); the defaults suit a sync and a compute alike. */
  storeOptions?: OpenStoreOptions;
}

export async function openStoreRuntime(config: Config, options: StoreRuntimeOptions = {}): Promise<StoreRuntime & { close(): Promise<void> }> {
  // Every write goes through the erasure list, so an erased person never comes back (functions/privacy/).
  const store = withErasures(await openStore(config.store, options.storeOptions));
  return {
    config,
    store,
    now: options.now ?? (() => new Date()),
    log: options.log ?? createLogger(),
    fetch: options.fetch ?? globalThis.fetch,
    env: options.env ?? process.env,
    close: () => store.close(),
  };
}

/** Runs `step` with the caller's runtime, or with one opened (and closed) for it. */
export function withStoreRuntime<T>(config: Config, options: StoreRuntimeOptions, step: (runtime: StoreRuntime) => Promise<T>): Promise<T> {
  return withOpened(options.runtime, () => openStoreRuntime(config, options), step);
}

/** Runs `step` with `existing`, or with what `open` gives, closed after the step whatever happens. */
export async function withOpened<R, T>(existing: R | undefined, open: () => Promise<R & { close(): Promise<void> }>, step: (runtime: R) => Promise<T>): Promise<T> {
  if (existing) return step(existing);
  const runtime = await open();
  try {
    return await step(runtime);
  } finally {
    await runtime.close();
  }
}
