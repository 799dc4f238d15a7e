import type { Config } from '../config/index.ts';
import type { Latest, SnapshotDocuments } from '../contract/documents.ts';
import { DOCUMENT_NAMES, publishSnapshot } from '../publish/publisher.ts';
import { pruneSnapshots } from '../publish/prune.ts';
import { withReportsRuntime, type ReportsRuntimeOptions } from './reports-runtime.ts';
import { PipelineError } from './errors.ts';
import { STAGING_MANIFEST, stagingKey, type StagingManifest } from './staging.ts';

export interface PublishStepOptions extends ReportsRuntimeOptions {
  /** Snapshots older than this many days are pruned after the publish (default 30); latest's never is. */
  retentionDays?: number;
}

/**
 * Publishes the staged documents of the last compute as a new snapshot, flips `latest.json`,
 * then prunes old snapshots. A failed prune is only logged: the publish itself is complete.
 */
export async function runPublish(config: Config, options: PublishStepOptions = {}): Promise<Latest> {
  return withReportsRuntime(config, options, async (runtime) => {
    const manifest = await runtime.reports.getJson<StagingManifest>(STAGING_MANIFEST);
    if (!manifest) throw new PipelineError('publish', `nothing to publish in ${runtime.reports.describe()}: run compute first`);
    // Staging left by a compute from before a document existed cannot make a complete snapshot.
    const unstaged = DOCUMENT_NAMES.filter((name) => !manifest.documents.includes(name));
    if (unstaged.length) throw new PipelineError('publish', `staging lacks ${unstaged.join(', ')}: run compute again`);
    const documents: Partial<Record<keyof SnapshotDocuments, unknown>> = {};
    for (const name of manifest.documents) {
      const document = await runtime.reports.getJson(stagingKey(name));
      if (document === undefined) throw new PipelineError('publish', `staged ${name} is missing: run compute again`);
      documents[name] = document;
    }
    const latest = await publishSnapshot(runtime.reports, documents as SnapshotDocuments, { now: runtime.now, asOf: manifest.asOf });
    runtime.log.info(`published snapshot ${latest.snapshot}`, { to: runtime.reports.describe() });
    try {
      const removed = await pruneSnapshots(runtime.reports, { retentionDays: options.retentionDays ?? config.reports.retentionDays ?? 30, now: runtime.now });
      if (removed.length) runtime.log.info(`pruned ${removed.length} old snapshot(s)`);
    } catch (error) {
      runtime.log.warn(`pruning old snapshots failed: ${(error as Error).message}`);
    }
    return latest;
  });
}
