import type { Config } from '../config/index.ts';
import { openReportStore } from '../publish/open.ts';
import type { ReportStore } from '../publish/report-store.ts';
import type { Logger } from '../runtime/logger.ts';
import { createLogger } from '../runtime/logger.ts';

/**
 * What a step that touches only the report store runs with (publish). It leaves the record store
 * out, so the publish bundle carries no DynamoDB client; a full `Runtime` is one of these too.
 */
export interface ReportsRuntime {
  config: Config;
  reports: ReportStore;
  now: () => Date;
  log: Logger;
}

export interface ReportsRuntimeOptions {
  now?: () => Date;
  log?: Logger;
  /** An already open runtime (the CLI's `run` shares one across its steps). */
  runtime?: ReportsRuntime;
}

/** Runs `step` with the caller's runtime, or with one opened for it (a report store holds nothing open). */
export async function withReportsRuntime<T>(config: Config, options: ReportsRuntimeOptions, step: (runtime: ReportsRuntime) => Promise<T>): Promise<T> {
  if (options.runtime) return step(options.runtime);
  return step({ config, reports: openReportStore(config.reports), now: options.now ?? (() => new Date()), log: options.log ?? createLogger() });
}
