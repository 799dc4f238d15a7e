import { join } from 'node:path';
import type { Config } from '../functions/config/index.ts';
import { everyAudience, readSnapshotPair, writeDigestFiles } from '../functions/digest/index.ts';
import type { ReportStore } from '../functions/publish/report-store.ts';

/** The as-of date `days` before `asOf` (YYYY-MM-DD, UTC). */
export function daysBefore(asOf: string, days: number): string {
  return new Date(Date.parse(`${asOf}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** The digests of every audience, from the latest snapshot against the one a week before, into `<reports>/digests`. */
export async function writeDemoDigests(reports: ReportStore, config: Config, dir: string): Promise<string[]> {
  const pair = await readSnapshotPair(reports, { sinceDays: config.digest.sinceDays });
  return writeDigestFiles(dir, pair, everyAudience(pair), { ...config.digest, minGroup: config.privacy.minGroup });
}
