import type { AlignmentDoc } from '../../../functions/publish/documents.ts';
import type { ChartDef } from './charts.ts';
import { alignmentChartDef, alignmentLink, UNALIGNED_THEME } from './charts.ts';
import { formatHours, formatShare } from './format.ts';
import { mixSpec } from './mix-spec.ts';
import { slug } from './slug.ts';

/** Target against actual per portfolio, one chart each. */
export function portfolioAlignmentDefs(doc: AlignmentDoc): ChartDef[] {
  return doc.portfolios.map((p) =>
    alignmentChartDef({
      id: `alignment-portfolio-${slug(p.name)}`,
      caption: p.name,
      themes: p.themes,
      unalignedShare: p.totalHours > 0 ? p.unalignedHours / p.totalHours : 0,
      gapScore: p.gapScore,
    }),
  );
}

/** The theme mix month by month (100 % stacked); undefined when the snapshot has no months. */
export function mixChartDef(doc: AlignmentDoc): ChartDef | undefined {
  if (!doc.months?.length) return undefined;
  const names = new Map(doc.themes.map((t) => [t.id, t.name]));
  const themeNames = doc.themes.map((t) => t.name);
  const rows = doc.months.flatMap((m) => [
    ...m.themes.map((t) => ({ period: m.period, theme: names.get(t.id) ?? t.id, hours: t.hours })),
    { period: m.period, theme: UNALIGNED_THEME, hours: m.unalignedHours },
  ]);
  const share = (hours: number, total: number) => (total > 0 ? formatShare(hours / total) : 'no data');
  const tableRows = doc.months.flatMap((m) => [
    ...m.themes.map((t) => [m.period, names.get(t.id) ?? t.id, formatHours(t.hours), share(t.hours, m.totalHours)]),
    [m.period, UNALIGNED_THEME, formatHours(m.unalignedHours), share(m.unalignedHours, m.totalHours)],
  ]);
  return {
    id: 'alignment-mix',
    caption: 'Theme mix by month',
    note: 'Each bar is 100 % of that month\u2019s hours. Grey: unaligned work.',
    label: `Share of hours per theme for each of ${doc.months.length} months, stacked to 100 %`,
    table: { columns: ['Month', 'Theme', 'Hours', 'Share'], rows: tableRows },
    numeric: [2, 3],
    definitions: [alignmentLink],
    spec: mixSpec(rows, themeNames, UNALIGNED_THEME),
  };
}
