import type { IdentitySuggestion, QualityDoc, QualityFinding } from '../../../functions/contract/documents.ts';
import type { ChartTable } from './charts.ts';
import { formatHours, formatShare } from './format.ts';

/**
 * The data-quality page's flags, one table per kind with the records behind each, and the
 * people[] lines that would join look-alike accounts. A snapshot from before the flags has none.
 */

type Kind = QualityFinding['kind'];
type Of<K extends Kind> = Extract<QualityFinding, { kind: K }>;

export interface FindingSection {
  kind: Kind;
  title: string;
  /** The rule, with its threshold, in a sentence. */
  rule: string;
  table: ChartTable;
  numeric: number[];
  omitted: number;
}

const sections: { [K in Kind]: (findings: Of<K>[], threshold: number) => Omit<FindingSection, 'kind' | 'omitted'> } = {
  personWeekHours: (findings, threshold) => ({
    title: 'People logging implausible weeks',
    rule: `More than ${threshold} h logged by one person in one week (Monday to Sunday): the entries listed are the one that crossed ${threshold} h and those after it.`,
    table: { columns: ['Person', 'Person id', 'ISO week', 'Monday', 'Hours', 'Entries'], rows: findings.map(({ records: r }) => [r.personName, r.personId, r.week, r.weekStart, formatHours(r.hours), r.entryIds.join(', ')]) },
    numeric: [4],
  }),
  entryHours: (findings, threshold) => ({
    title: 'Time entries longer than a day',
    rule: `One time entry over ${threshold} h, largest first: a typo, or several days logged as one.`,
    table: { columns: ['Entry', 'Person', 'Date', 'Hours'], rows: findings.map(({ records: r }) => [r.entryId, r.personName, r.date, formatHours(r.hours)]) },
    numeric: [3],
  }),
  teamUtilization: (findings, threshold) => ({
    title: 'Teams far over capacity',
    rule: `A PM's team logging more than ${formatShare(threshold)} of its capacity in the window or a month: capacities set too low, or hours counted twice.`,
    table: { columns: ['Project manager', 'PM id', 'Period', 'Utilization', 'Team size'], rows: findings.map(({ records: r }) => [r.pmName, r.pmId, r.period, formatShare(r.utilization), String(r.teamSize)]) },
    numeric: [3, 4],
  }),
  noMovesToDone: (findings, threshold) => ({
    title: 'Sources that never finish a task',
    rule: `A source with at least ${threshold} status changes and none into done: its status mapping probably lacks a done status.`,
    table: { columns: ['Source', 'Status changes', 'Moves into done'], rows: findings.map(({ records: r }) => [r.source, String(r.statusChanges), String(r.movesToDone)]) },
    numeric: [1, 2],
  }),
};

export function findingSections(quality: QualityDoc): FindingSection[] {
  const findings = quality.findings ?? [];
  const kinds = [...new Set(findings.map((finding) => finding.kind))];
  return kinds.map((kind) => {
    const own = findings.filter((finding) => finding.kind === kind);
    const build = sections[kind] as (findings: QualityFinding[], threshold: number) => Omit<FindingSection, 'kind' | 'omitted'>;
    return { kind, ...build(own, own[0]?.threshold ?? 0), omitted: quality.findingsOmitted?.[kind] ?? 0 };
  });
}

/** New people[] entries, joined so the block pastes into the array as it stands. */
export function newPeopleLines(suggestions: readonly IdentitySuggestion[]): string {
  return suggestions.filter((s) => s.personId === undefined).map((s) => s.config).join(',\n');
}

/** Configured people's entries with the new aliases added: each replaces the entry with its id. */
export function replacedPeopleLines(suggestions: readonly IdentitySuggestion[]): string {
  return suggestions.filter((s) => s.personId !== undefined).map((s) => s.config).join(',\n');
}
