// The alignment page's tables as a page shown without personal hours prints them: every hours
// figure (and share of one) checked against hours-privacy.ts, the note where it is held back.
import type { AlignmentDoc } from '../../../functions/contract/documents.ts';
import type { ChartTable } from './charts.ts';
import { formatHours, formatScore, formatShare } from './format.ts';
import { cellKey, type HoursPrivacy } from './hours-privacy.ts';
import { hiddenNote } from './person-hours.ts';

type Row = { totalHours: number; unalignedHours: number; themes: readonly { id: string; name: string; target: number; actual: number; hours: number }[] };

/** A mix's cells: its themes then its unaligned hours, as hours-privacy.ts keys them. */
export function mixCells(row: Row, themeKey: (id: string) => string, unalignedKey: string): string[] {
  return [...row.themes.map((t) => themeKey(t.id)), unalignedKey];
}

/** A mix (the company's, a portfolio's) as a table: per theme target, actual share and hours, then the unaligned hours. */
export function themeMixTable(row: Row, privacy: HoursPrivacy, totalKey: string, themeKey: (id: string) => string, unalignedKey: string): ChartTable {
  const note = hiddenNote(privacy.minGroup);
  const share = (hours: number) => (row.totalHours > 0 ? formatShare(hours / row.totalHours) : '–');
  return {
    columns: ['Theme', 'Target', 'Actual', 'Hours'],
    rows: [
      ...row.themes.map((t) => (privacy.shown(themeKey(t.id)) ? [t.name, formatShare(t.target), formatShare(t.actual), formatHours(t.hours)] : [t.name, formatShare(t.target), note, note])),
      privacy.shown(unalignedKey) ? ['Unaligned', formatShare(0), share(row.unalignedHours), formatHours(row.unalignedHours)] : ['Unaligned', formatShare(0), note, note],
      ['All hours', '', '', privacy.shown(totalKey) ? formatHours(row.totalHours) : note],
    ],
  };
}

/** Whether a row's gap score may be printed: it is built from every share of the row. */
export function gapShown(row: Row, privacy: HoursPrivacy, totalKey: string, themeKey: (id: string) => string, unalignedKey: string): boolean {
  return privacy.allShown([totalKey, ...mixCells(row, themeKey, unalignedKey)]);
}

/** Projects carrying unaligned hours, each figure checked as the project's unaligned hours. */
export function unalignedWorkRows(alignment: AlignmentDoc, pmName: (id: string | null) => string, privacy: HoursPrivacy): ChartTable | undefined {
  if (!alignment.unalignedWork) return undefined;
  const note = hiddenNote(privacy.minGroup);
  return {
    columns: ['Project', 'Project manager', 'Unaligned hours'],
    rows: alignment.unalignedWork.map((w) => [w.name, pmName(w.pmId), privacy.shown(cellKey.projectUnaligned(w.projectId)) ? formatHours(w.hours) : note]),
  };
}

/** Per PM, largest gap first (the named page's order): hours, unaligned share and gap score, each where it may be printed. */
export function pmAlignmentRows(alignment: AlignmentDoc, pmName: (id: string | null) => string, privacy: HoursPrivacy): ChartTable | undefined {
  if (!alignment.managers) return undefined;
  const note = hiddenNote(privacy.minGroup);
  const k = cellKey;
  return {
    columns: ['Project manager', 'Hours', 'Unaligned', 'Gap score'],
    rows: [...alignment.managers]
      .sort((a, b) => b.gapScore - a.gapScore)
      .map((m) => {
        const theme = (t: string) => k.managerTheme(m.id, t);
        return [
          pmName(m.id),
          privacy.shown(k.manager(m.id)) ? formatHours(m.totalHours) : note,
          !privacy.shown(k.managerUnaligned(m.id)) ? note : m.totalHours > 0 ? formatShare(m.unalignedHours / m.totalHours) : 'no data',
          gapShown(m, privacy, k.manager(m.id), theme, k.managerUnaligned(m.id)) ? formatScore(m.gapScore) : note,
        ];
      }),
  };
}
