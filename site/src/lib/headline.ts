import type { KpiDefinition, ManagersDoc } from '../../../functions/publish/documents.ts';
import { formatValue } from './format.ts';
import type { Unit } from './format.ts';

export interface Headline {
  kpi: KpiDefinition;
  value: string;
  /** What the value is: the latest month or the whole window. */
  basis: string;
  /** e.g. "+3 pp since 2025-10"; undefined with no previous period. */
  change?: string;
  trend?: 'better' | 'worse' | 'same';
}

const signed = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2, signDisplay: 'exceptZero' });

/** Ratios change in percentage points: "+3 pp", not "+3 %", which would be a relative change. */
function formatDelta(delta: number, unit: Unit): string {
  if (unit === 'ratio') return `${signed.format(Math.round(delta * 100))} pp`;
  const suffix = unit === 'hours' ? ' h' : unit === 'days' ? ' d' : '';
  return `${signed.format(delta)}${suffix}`;
}

function trendOf(delta: number, kpi: KpiDefinition): Headline['trend'] {
  if (Math.abs(delta) < 1e-9) return 'same';
  return delta > 0 === kpi.higherIsBetter ? 'better' : 'worse';
}

/** The company figure per KPI: the latest month against the one before when months exist, else the window mean. */
export function headlines(doc: ManagersDoc): Headline[] {
  const months = doc.companyMonths ?? [];
  const last = months.at(-1);
  const previous = months.at(-2);
  return doc.kpis.map((kpi) => {
    const now = last?.values[kpi.id]?.mean ?? null;
    if (!last || now === null) {
      return { kpi, value: formatValue(doc.company[kpi.id]?.mean ?? null, kpi.unit), basis: `mean ${doc.window.from} to ${doc.window.to}` };
    }
    const before = previous?.values[kpi.id]?.mean ?? null;
    const headline: Headline = { kpi, value: formatValue(now, kpi.unit), basis: `company mean, ${last.period}` };
    if (!previous || before === null) return headline;
    const delta = now - before;
    return { ...headline, change: `${formatDelta(delta, kpi.unit)} since ${previous.period}`, trend: trendOf(delta, kpi) };
  });
}
