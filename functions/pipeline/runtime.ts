import type { Config } from '../config/index.ts';
import type { ReportStore } from '../publish/report-store.ts';
import { openReportStore } from '../publish/open.ts';
import { openStoreRuntime, withOpened, type StoreRuntime, type StoreRuntimeOptions } from './store-runtime.ts';

/** What every pipeline step runs with; the CLI and the Lambda handlers build it the same way. */
export interface Runtime extends StoreRuntime {
  reports: ReportStore;
}

export interface RuntimeOptions extends Omit<StoreRuntimeOptions, 'runtime'> {
  /** An already open runtime: steps run in one process share one store connection. */
  runtime?: Runtime;
}

export async function openRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime & { close(): Promise<void> }> {
  const base = await openStoreRuntime(config, options);
  return { ...base, reports: openReportStore(config.reports) };
}

/** Runs `step` with the caller's runtime, or with one opened (and closed) for it. */
export function withRuntime<T>(config: Config, options: RuntimeOptions, step: (runtime: Runtime) => Promise<T>): Promise<T> {
  return withOpened(options.runtime, () => openRuntime(config, options), step);
}
