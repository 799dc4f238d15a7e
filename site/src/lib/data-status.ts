import type { Latest, ManagersDoc, QualityDoc } from '../../../functions/contract/documents.ts';
import { freshness, STALE_AFTER_HOURS } from './freshness.ts';
import { partialNote, periodName } from './periods.ts';

/** Whether the figures are fresh and complete, in the few facts a reader checks before trusting them. */
export interface DataStatus {
  asOf: string;
  generatedAt: string;
  /** Whole hours from generation to this build; null when generatedAt is unreadable. */
  ageHours: number | null;
  stale: boolean;
  sources: { name: string; type: string; lastSyncAt: string | null; ok: boolean; error?: string; quarantined: number; readInProgress?: true }[];
  failedSources: number;
  /** Sources whose last run stopped part-way through a read (the next run goes on). */
  sourcesReading: number;
  quarantined: number;
  unmatchedIdentities: number;
  /** The as-of month when it stops before its last day, e.g. "December 2026 (partial: to 5 Dec)". */
  partialMonth?: string;
  /** One line: fresh or stale, complete or what is missing. */
  verdict: string;
}

export function dataStatus(latest: Latest, managers: ManagersDoc, quality: QualityDoc, now: Date): DataStatus {
  const { stale, ageHours } = freshness(latest.generatedAt, now);
  const sources = quality.sources.map((s) => ({ name: s.name, type: s.type, lastSyncAt: s.lastSyncAt, ok: s.ok, ...(s.error ? { error: s.error } : {}), quarantined: s.quarantined, ...(s.readInProgress ? { readInProgress: true as const } : {}) }));
  const sourcesReading = sources.filter((s) => s.ok && s.readInProgress).length;
  const failedSources = sources.filter((s) => !s.ok || s.lastSyncAt === null).length;
  const quarantined = sources.reduce((sum, s) => sum + s.quarantined, 0);
  const partial = (managers.companyMonths ?? []).find((m) => m.partial);
  const gaps = [
    failedSources > 0 ? `${failedSources} of ${sources.length} sources failed or never synced` : '',
    sourcesReading > 0 ? `${sourcesReading} of ${sources.length} sources part-way through a read (records incomplete until it finishes)` : '',
    quarantined > 0 ? `${quarantined} records quarantined` : '',
    quality.unmatchedIdentities.length > 0 ? `${quality.unmatchedIdentities.length} identities unmatched` : '',
  ].filter(Boolean);
  const fresh = stale ? `Stale: generated more than ${STALE_AFTER_HOURS} h before this build` : 'Fresh';
  const complete = gaps.length === 0 ? 'every source synced, nothing quarantined' : gaps.join(', ');
  return {
    asOf: latest.asOf,
    generatedAt: latest.generatedAt,
    ageHours,
    stale,
    sources,
    failedSources,
    sourcesReading,
    quarantined,
    unmatchedIdentities: quality.unmatchedIdentities.length,
    ...(partial ? { partialMonth: `${periodName(partial.period)} (${partialNote(partial)})` } : {}),
    verdict: `${fresh}; ${complete}.`,
  };
}
