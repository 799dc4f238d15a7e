import type { AlignmentDoc } from '../../../functions/contract/documents.ts';
import type { ChartDef } from './charts.ts';
import { alignmentChartDef, alignmentLink, UNALIGNED_THEME } from './charts.ts';
import { formatHours, formatScore, formatShare } from './format.ts';
import { gapTrendSpec } from './gap-trend-spec.ts';
import { lastMonthMix } from './chart-findings.ts';
import { mixSpec } from './mix-spec.ts';
import { partialNote, shortDay } from './periods.ts';
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

type MonthsOf = NonNullable<AlignmentDoc['months']>;

/** The note's sentence on the partial month, "" without one. */
function partialSentence(months: MonthsOf): string {
  const partial = months.find((m) => m.partial);
  if (!partial) return '';
  return ` ${partial.period} is partial${partial.to ? ` (to ${shortDay(partial.to)})` : ''}: fewer days than a whole month.`;
}

const partialPeriods = (months: MonthsOf): string[] => months.filter((m) => m.partial).map((m) => m.period);

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
  const last = doc.months.at(-1)!;
  const tableRows = doc.months.flatMap((m) => [
    ...m.themes.map((t) => [m.period, names.get(t.id) ?? t.id, formatHours(t.hours), share(t.hours, m.totalHours), partialNote(m)]),
    [m.period, UNALIGNED_THEME, formatHours(m.unalignedHours), share(m.unalignedHours, m.totalHours), partialNote(m)],
  ]);
  return {
    id: 'alignment-mix',
    caption: 'Theme mix by month',
    note: `Each bar is 100 % of that month\u2019s hours. Grey: unaligned work.${partialSentence(doc.months)}`,
    label: [`Share of hours per theme for each of ${doc.months.length} months, stacked to 100 %`, lastMonthMix(`${last.period}${last.partial ? ' (partial)' : ''}`, last.themes.map((t) => ({ theme: names.get(t.id) ?? t.id, hours: t.hours })), last.unalignedHours, last.totalHours)].filter(Boolean).join('; '),
    table: { columns: ['Month', 'Theme', 'Hours', 'Share', 'Partial'], rows: tableRows },
    numeric: [2, 3],
    definitions: [alignmentLink],
    spec: mixSpec(rows, themeNames, UNALIGNED_THEME, partialPeriods(doc.months)),
  };
}

/**
 * Each portfolio's gap score month by month, with its hours: is effort moving toward the targets?
 * Undefined when the snapshot has no monthly mix per portfolio (published before it existed).
 */
export function portfolioGapTrendDef(doc: AlignmentDoc): ChartDef | undefined {
  const withMonths = doc.portfolios.filter((p) => p.months?.length);
  if (withMonths.length === 0 || !doc.months?.length) return undefined;
  const periods = doc.months.map((m) => m.period);
  const points = withMonths.flatMap((p) => (p.months ?? []).flatMap((m) => (m.gapScore === null ? [] : [{ period: m.period, portfolio: p.name, gap: m.gapScore }])));
  const rows = withMonths.flatMap((p) => (p.months ?? []).map((m) => [m.period, p.name, formatHours(m.totalHours), m.gapScore === null ? 'no hours' : formatScore(m.gapScore), partialNote(m)]));
  return {
    id: 'alignment-portfolio-gap-trend',
    caption: 'Gap score by month, per portfolio',
    note: `Half the sum of the differences between actual and target shares, each month, against the portfolio\u2019s own targets where it has them: 0 = the mix leadership set, 1 = fully off. No point in a month without hours.${partialSentence(doc.months)}`,
    label: `Alignment gap score of ${withMonths.length} portfolios for each of ${periods.length} months`,
    table: { columns: ['Month', 'Portfolio', 'Hours', 'Gap score', 'Partial'], rows },
    numeric: [2, 3],
    definitions: [alignmentLink],
    spec: gapTrendSpec(points, withMonths.map((p) => p.name), periods, partialPeriods(doc.months)),
  };
}
