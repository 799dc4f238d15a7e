import type { AlignmentDoc, PortfoliosDoc, ProjectsDoc, QualityDoc } from '../../../functions/contract/documents.ts';
import type { ChartTable } from './charts.ts';
import { formatHours, formatScore, formatShare, formatTimestamp } from './format.ts';

/**
 * Per portfolio: how many projects, how many hours and how far from the theme targets. Project
 * counts come from portfolios.json; a snapshot without them counts the projects themselves.
 */
export function portfolioTable(alignment: AlignmentDoc, portfolios: PortfoliosDoc, projects: ProjectsDoc): ChartTable {
  const counts = new Map(portfolios.portfolios.map((p) => [p.name, p.projects]));
  const count = (name: string) => counts.get(name) ?? projects.projects.filter((p) => p.portfolio === name).length;
  return {
    columns: ['Portfolio', 'Projects', 'Hours', 'Unaligned', 'Gap score'],
    rows: alignment.portfolios.map((p) => [
      p.name,
      String(count(p.name)),
      formatHours(p.totalHours),
      p.totalHours > 0 ? formatShare(p.unalignedHours / p.totalHours) : 'no data',
      formatScore(p.gapScore),
    ]),
  };
}

const recordSummary = (records: Record<string, number>) =>
  Object.entries(records)
    .map(([kind, n]) => `${kind}: ${n}`)
    .join(', ');

/** One row per source: when it last synced, whether that worked, and what it brought. */
export function sourcesTable(quality: QualityDoc): ChartTable {
  return {
    columns: ['Source', 'Type', 'Last sync', 'Status', 'Records', 'Quarantined'],
    rows: quality.sources.map((s) => [
      s.name,
      s.type,
      formatTimestamp(s.lastSyncAt),
      s.ok ? (s.readInProgress ? 'ok, read in progress: records incomplete until the next run finishes it' : 'ok') : `failed: ${s.error ?? 'no reason given'}`,
      recordSummary(s.records),
      String(s.quarantined),
    ]),
  };
}

export function quarantineTable(quality: QualityDoc): ChartTable {
  return {
    columns: ['Record', 'Source', 'Kind', 'Reason'],
    rows: quality.quarantine.map((q) => [q.recordId, q.source, q.kind, q.reason]),
  };
}

export function identitiesTable(quality: QualityDoc): ChartTable {
  return { columns: ['Name', 'Source id'], rows: quality.unmatchedIdentities.map((p) => [p.name, p.id]) };
}

/** Projects with the most unaligned hours. */
export function unalignedWorkTable(alignment: AlignmentDoc, pmName: (id: string | null) => string): ChartTable | undefined {
  if (!alignment.unalignedWork) return undefined;
  return {
    columns: ['Project', 'Project manager', 'Unaligned hours'],
    rows: alignment.unalignedWork.map((w) => [w.name, pmName(w.pmId), formatHours(w.hours)]),
  };
}

/** Per PM: how far their hours sit from the theme targets, largest gap first. */
export function pmAlignmentTable(alignment: AlignmentDoc, pmName: (id: string | null) => string): ChartTable | undefined {
  if (!alignment.managers) return undefined;
  const rows = [...alignment.managers].sort((a, b) => b.gapScore - a.gapScore);
  return {
    columns: ['Project manager', 'Hours', 'Unaligned', 'Gap score'],
    rows: rows.map((m) => [pmName(m.id), formatHours(m.totalHours), m.totalHours > 0 ? formatShare(m.unalignedHours / m.totalHours) : 'no data', formatScore(m.gapScore)]),
  };
}
