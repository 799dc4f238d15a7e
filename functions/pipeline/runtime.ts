import type { Config } from '../config/index.ts';
import type { Store } from '../store/store.ts';
import { openStore } from '../store/index.ts';
import type { ReportStore } from '../publish/report-store.ts';
import { openReportStore } from '../publish/open.ts';
import type { Logger } from '../runtime/logger.ts';
import { createLogger } from '../runtime/logger.ts';

/** What every pipeline step runs with; the CLI and the Lambda handlers build it the same way. */
export interface Runtime {
  config: Config;
  store: Store;
  reports: ReportStore;
  now: () => Date;
  log: Logger;
  fetch: typeof fetch;
  env: NodeJS.ProcessEnv;
}

export interface RuntimeOptions {
  now?: () => Date;
  log?: Logger;
  fetch?: typeof fetch;
  env?: NodeJS.ProcessEnv;
  /** An already open runtime: steps run in one process share one store connection. */
  runtime?: Runtime;
}

export async function openRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime & { close(): Promise<void> }> {
  const store = await openStore(config.store);
  return {
    config,
    store,
    reports: openReportStore(config.reports),
    now: options.now ?? (() => new Date()),
    log: options.log ?? createLogger(),
    fetch: options.fetch ?? globalThis.fetch,
    env: options.env ?? process.env,
    close: () => store.close(),
  };
}

/** Runs `step` with the caller's runtime, or with one opened (and closed) for it. */
export async function withRuntime<T>(config: Config, options: RuntimeOptions, step: (runtime: Runtime) => Promise<T>): Promise<T> {
  if (options.runtime) return step(options.runtime);
  const runtime = await openRuntime(config, options);
  try {
    return await step(runtime);
  } finally {
    await runtime.close();
  }
}
