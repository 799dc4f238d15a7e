import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReportStore } from '../publish/report-store.ts';
import { readLatest, readSnapshot } from '../publish/publisher.ts';
import { PipelineError } from '../pipeline/index.ts';

/**
 * Copies the latest published snapshot out of a report store (a directory or S3) into a plain
 * folder, the only input the site build reads.
 */
export async function materializeLatest(reports: ReportStore, dir: string): Promise<string> {
  const latest = await readLatest(reports);
  if (!latest) throw new PipelineError('site build', `no latest.json in ${reports.describe()}: run publish first`);
  const documents = await readSnapshot(reports, latest);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'latest.json'), JSON.stringify(latest, null, 2));
  for (const [name, document] of Object.entries(documents)) {
    await writeFile(join(dir, name), JSON.stringify(document));
  }
  return dir;
}
