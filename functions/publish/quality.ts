import type { QuarantineEntry } from '../domain/records.ts';
import type { SyncRun } from '../store/store.ts';
import { SCHEMA_VERSION, type IdentityReport, type IdentitySuggestion, type QualityDoc, type QualityFinding } from '../contract/documents.ts';
import type { DoneDating } from '../contract/done-dating.ts';

/** The published quarantine list stops here; the per-source counts still count every entry. */
export const QUARANTINE_LIST_LIMIT = 200;

export interface QualityInput {
  now: Date;
  /** The latest sync run of each source. */
  runs: readonly SyncRun[];
  /** The configured sources, in config order. */
  sources: readonly { name: string; type: string; taskUrl?: string | undefined }[];
  quarantine: readonly QuarantineEntry[];
  unmatchedIdentities: readonly { id: string; name: string }[];
  /** The KPI engine's implausible-input flags and suggested identity joins (absent: none). */
  findings?: readonly QualityFinding[];
  findingsOmitted?: Readonly<Record<string, number>>;
  identitySuggestions?: readonly IdentitySuggestion[];
  /** How accounts were joined to people, and the former (deleted or deactivated) accounts. */
  identities?: IdentityReport;
  /** Per source, which rule dated its done tasks (absent: not counted). */
  doneDating?: readonly DoneDating[];
}

/**
 * The data-quality page: how fresh each source is, what it brought, what was set aside and why,
 * which inputs look implausible, and which unmatched accounts look like one person.
 * A configured source that never synced is listed as not ok, so a missing sync is visible.
 */
export function buildQualityDoc(input: QualityInput): QualityDoc {
  const runs = new Map(input.runs.map((run) => [run.source, run]));
  const quarantined = new Map<string, number>();
  for (const entry of input.quarantine) quarantined.set(entry.source, (quarantined.get(entry.source) ?? 0) + 1);
  return {
    schemaVersion: SCHEMA_VERSION,
    generatedAt: input.now.toISOString(),
    sources: input.sources.map(({ name, type, taskUrl }) => {
      const run = runs.get(name);
      const records: Record<string, number> = {};
      for (const [kind, count] of Object.entries(run?.counts ?? {})) if (count !== undefined) records[kind] = count;
      const error = run ? run.error : 'never synced';
      return {
        name,
        type,
        lastSyncAt: run?.finishedAt ?? null,
        ok: run?.ok ?? false,
        ...(error === undefined ? {} : { error }),
        records,
        quarantined: quarantined.get(name) ?? 0,
        // A run stopped at its deadline is ok, yet its read is not done: the reader must know the records are partial.
        ...(run?.complete === false ? { readInProgress: true as const } : {}),
        ...(run?.unavailable?.hours || run?.unavailable?.hourEstimates ? { unavailable: sourceGaps(run.unavailable) } : {}),
        ...(taskUrl === undefined ? {} : { taskUrl }),
      };
    }),
    // The raw record stays in the store: it can be large and may hold more than the report should show.
    quarantine: input.quarantine
      .slice(0, QUARANTINE_LIST_LIMIT)
      .map(({ source, kind, recordId, reason }) => ({ source, kind, recordId, reason })),
    unmatchedIdentities: input.unmatchedIdentities.map(({ id, name }) => ({ id, name })),
    findings: [...(input.findings ?? [])],
    findingsOmitted: { ...input.findingsOmitted },
    identitySuggestions: [...(input.identitySuggestions ?? [])],
    ...(input.identities ? { identities: structuredClone(input.identities) } : {}),
    ...(input.doneDating ? { doneDating: input.doneDating.map((row) => ({ ...row })) } : {}),
  };
}

/** The gaps a source run recorded, only those it has (`hours`, `hourEstimates`). */
function sourceGaps(gaps: { hours?: string; hourEstimates?: string }): { hours?: string; hourEstimates?: string } {
  return { ...(gaps.hours ? { hours: gaps.hours } : {}), ...(gaps.hourEstimates ? { hourEstimates: gaps.hourEstimates } : {}) };
}
