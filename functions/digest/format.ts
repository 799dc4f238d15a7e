import type { KpiDefinition } from '../contract/documents.ts';
import type { Health } from '../contract/documents.ts';

/** A KPI value in its unit, the way the digest's sentences quote it. */
export function formatValue(kpi: Pick<KpiDefinition, 'unit'>, value: number | null | undefined): string {
  if (value === null || value === undefined) return 'no value';
  switch (kpi.unit) {
    case 'ratio':
      return percent(value);
    case 'hours':
      return `${round(value, 1)} h`;
    case 'days':
      return `${round(value, 1)} d`;
    case 'count':
      return String(Math.round(value));
    case 'index':
      return value.toFixed(2);
  }
}

export const percent = (share: number): string => `${round(share * 100, 0)} %`;

/** Percentage points between two shares, signed: "+4.0 pts". */
export const points = (delta: number): string => {
  const text = Math.abs(delta * 100).toFixed(1);
  // A drift that rounds to nothing has no sign: "−0.0 pts" would read as a fall.
  return text === '0.0' ? '±0.0 pts' : `${delta > 0 ? '+' : '−'}${text} pts`;
};

export const round = (value: number, digits: number): string => {
  const text = value.toFixed(digits);
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
};

export const HEALTH_WORDS: Record<Health, string> = { on_track: 'on track', at_risk: 'at risk', off_track: 'off track', not_reported: 'not reported' };

/** Worst first, as the site sorts health (site/src/lib/health.ts). */
export const HEALTH_RANK: Record<Health, number> = { off_track: 0, at_risk: 1, on_track: 2, not_reported: 3 };
