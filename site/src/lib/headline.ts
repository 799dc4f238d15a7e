import type { KpiDefinition, ManagersDoc } from '../../../functions/contract/documents.ts';
import { judgeChange } from './direction.ts';
import { formatValue } from './format.ts';
import type { Unit } from './format.ts';
import { partialNote, periodName } from './periods.ts';

export interface Headline {
  kpi: KpiDefinition;
  value: string;
  /** What the value is: which mean, over which period, e.g. "mean of PMs, November 2026 (complete month)". */
  basis: string;
  /** e.g. "+3 pp vs October 2026"; undefined without a whole month before. */
  change?: string;
  /** Whether the change is good news; undefined for a count that grows with the book (see growsWithTheBook). */
  trend?: 'better' | 'worse' | 'same';
}

/** What the tiles compare, in words for the line above them; undefined when no month is shown. */
export interface HeadlineBasis {
  month: string;
  previous?: string;
  /** The as-of month when it is partial, e.g. "December 2026 (partial: to 5 Dec)". */
  partial?: string;
}

/**
 * A count that grows with the size of the PMs' books (and, for totals, with the period's length):
 * a rise says the company got bigger or busier, not better, so the tile shows the change without
 * calling it better or worse. The catalogue says which KPIs these are (`comparison: 'count'`);
 * snapshots from before it said so fall back on the same list by id.
 */
const COUNTS_BEFORE_THE_FLAG: ReadonlySet<string> = new Set(['hoursLogged', 'throughput', 'overdueOpen', 'wip', 'decisionWaitHours']);
const growsWithTheBook = (kpi: KpiDefinition): boolean => (kpi.comparison === undefined ? COUNTS_BEFORE_THE_FLAG.has(kpi.id) : kpi.comparison === 'count');

const signed = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2, signDisplay: 'exceptZero' });

/** Ratios change in percentage points: "+3 pp", not "+3 %", which would be a relative change. */
export function formatDelta(delta: number, unit: Unit): string {
  if (unit === 'ratio') return `${signed.format(Math.round(delta * 100))} pp`;
  const suffix = unit === 'hours' ? ' h' : unit === 'days' ? ' d' : '';
  return `${signed.format(delta)}${suffix}`;
}

/** Whether a formatted change reads as no change at all ("0", "0 pp", "0 h"). */
const isZeroShown = (shown: string): boolean => /^0(\s|$)/.test(shown);

function trendOf(before: number, now: number, kpi: KpiDefinition): Headline['trend'] {
  if (growsWithTheBook(kpi)) return undefined;
  return judgeChange(kpi, before, now);
}

type CompanyMonth = NonNullable<ManagersDoc['companyMonths']>[number];

/**
 * The last whole month and the whole month before it. The as-of month is partial until its last
 * day: five days of December against all of November would compare unlike with unlike.
 */
function wholeMonths(doc: ManagersDoc): { last?: CompanyMonth; previous?: CompanyMonth } {
  const whole = (doc.companyMonths ?? []).filter((m) => !m.partial);
  return { last: whole.at(-1), previous: whole.at(-2) };
}

/** Which months the tiles show and compare, and the partial month they leave out. */
export function headlineBasis(doc: ManagersDoc): HeadlineBasis | undefined {
  const { last, previous } = wholeMonths(doc);
  if (!last) return undefined;
  const partial = (doc.companyMonths ?? []).find((m) => m.partial);
  return {
    month: periodName(last.period),
    ...(previous ? { previous: periodName(previous.period) } : {}),
    ...(partial ? { partial: `${periodName(partial.period)} (${partialNote(partial)})` } : {}),
  };
}

/**
 * The company figure per KPI, the mean of the PMs' values: the last whole month against the
 * whole month before it, else the trailing window's mean without a change.
 */
export function headlines(doc: ManagersDoc): Headline[] {
  const { last, previous } = wholeMonths(doc);
  return doc.kpis.map((kpi) => {
    const now = last?.values[kpi.id]?.mean ?? null;
    if (!last || now === null) {
      return { kpi, value: formatValue(doc.company[kpi.id]?.mean ?? null, kpi.unit), basis: `mean of PMs, window ${doc.window.from} to ${doc.window.to}` };
    }
    const headline: Headline = { kpi, value: formatValue(now, kpi.unit), basis: `mean of PMs, ${periodName(last.period)} (complete month)` };
    const before = previous?.values[kpi.id]?.mean ?? null;
    if (!previous || before === null) return headline;
    const delta = now - before;
    const shown = formatDelta(delta, kpi.unit);
    // A change too small to show ("0") is unchanged to the reader: calling it better or worse beside a 0 contradicts the figure.
    const judged = trendOf(before, now, kpi);
    const trend = judged && isZeroShown(shown) ? 'same' : judged;
    return { ...headline, change: `${shown} vs ${periodName(previous.period)}`, ...(trend ? { trend } : {}) };
  });
}
