import type { Config } from '../config/index.ts';
import type { Latest, SnapshotDocuments } from '../publish/documents.ts';
import { publishSnapshot } from '../publish/publisher.ts';
import { withRuntime, type RuntimeOptions } from './runtime.ts';
import { PipelineError } from './errors.ts';
import { STAGING_MANIFEST, stagingKey, type StagingManifest } from './staging.ts';

/** Publishes the staged documents of the last compute as a new snapshot and flips `latest.json`. */
export async function runPublish(config: Config, options: RuntimeOptions = {}): Promise<Latest> {
  return withRuntime(config, options, async (runtime) => {
    const manifest = await runtime.reports.getJson<StagingManifest>(STAGING_MANIFEST);
    if (!manifest) throw new PipelineError('publish', `nothing to publish in ${runtime.reports.describe()}: run compute first`);
    const documents: Partial<Record<keyof SnapshotDocuments, unknown>> = {};
    for (const name of manifest.documents) {
      const document = await runtime.reports.getJson(stagingKey(name));
      if (document === undefined) throw new PipelineError('publish', `staged ${name} is missing: run compute again`);
      documents[name] = document;
    }
    const latest = await publishSnapshot(runtime.reports, documents as SnapshotDocuments, { now: runtime.now, asOf: manifest.asOf });
    runtime.log.info(`published snapshot ${latest.snapshot}`, { to: runtime.reports.describe() });
    return latest;
  });
}
