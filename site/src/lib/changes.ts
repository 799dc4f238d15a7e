import type { KpiDefinition, KpiValue, ManagersDoc } from '../../../functions/contract/documents.ts';
import { isRanked, isRate, judgeChange } from './direction.ts';

/**
 * The largest month-on-month changes that are beyond noise: each PM's value in the last complete
 * month against the complete month before it. A partial month (the published `partial` flag) is
 * never one of the two. How "beyond noise" is decided depends on what the figure is:
 *
 * - a rate (successes of n) uses the two-proportion test: z = (p₂ − p₁) ÷ √(p(1 − p)(1/n₁ + 1/n₂))
 *   with the pooled p of both months; beyond noise when |z| > 1.96, the same 95 % as the
 *   comparison with the company;
 * - any other ranked KPI uses the PM's own history (an XmR chart): beyond noise when the change
 *   exceeds 3.267 × the mean month-on-month change over the earlier complete months (at least
 *   three of them), the upper limit of the moving range.
 *
 * Months flagged as a small sample are left out: a change between two thin months says little.
 * Counts are not judged. `strength` is the change over its limit, so > 1 means beyond noise.
 */
export interface Change {
  pmId: string;
  kpi: KpiDefinition;
  before: number;
  after: number;
  nBefore: number;
  nAfter: number;
  trend: 'better' | 'worse';
  /** |change| ÷ its noise limit; beyond noise when > 1. */
  strength: number;
  test: 'two-proportion' | 'moving range';
}

export interface ChangeBasis {
  month: string;
  previous: string;
}

type Month = NonNullable<ManagersDoc['managers'][number]['months']>[number];

export const Z95 = 1.96;
/** D4 for moving ranges of two: the upper limit of a moving range is 3.267 × its mean. */
export const MR_LIMIT = 3.267;

/** The last two complete months the company publishes, by period; undefined with fewer than two. */
export function changeBasis(doc: ManagersDoc): ChangeBasis | undefined {
  const whole = (doc.companyMonths ?? []).filter((m) => !m.partial);
  const [previous, month] = whole.slice(-2);
  return previous && month ? { month: month.period, previous: previous.period } : undefined;
}

function rateStrength(a: KpiValue, b: KpiValue): number | undefined {
  if (a.successes === undefined || b.successes === undefined || a.n <= 0 || b.n <= 0) return undefined;
  const p = (a.successes + b.successes) / (a.n + b.n);
  const se = Math.sqrt(p * (1 - p) * (1 / a.n + 1 / b.n));
  if (!(se > 0)) return undefined;
  return Math.abs(b.successes / b.n - a.successes / a.n) / se / Z95;
}

function movingRangeStrength(history: number[], before: number, after: number): number | undefined {
  if (history.length < 4) return undefined; // three moving ranges at least
  const ranges = history.slice(1).map((v, i) => Math.abs(v - history[i]!));
  const mean = ranges.reduce((s, r) => s + r, 0) / ranges.length;
  if (!(mean > 0)) return undefined;
  return Math.abs(after - before) / (MR_LIMIT * mean);
}

function pmChange(kpi: KpiDefinition, months: Month[], basis: ChangeBasis, pmId: string): Change | undefined {
  const at = (period: string) => months.find((m) => m.period === period && !m.partial)?.values[kpi.id];
  const a = at(basis.previous);
  const b = at(basis.month);
  if (!a || !b || a.value === null || b.value === null || a.smallSample || b.smallSample) return undefined;
  const trend = judgeChange(kpi, a.value, b.value);
  if (trend === 'same') return undefined;
  let strength: number | undefined;
  let test: Change['test'];
  if (isRate(kpi) && a.successes !== undefined) {
    strength = rateStrength(a, b);
    test = 'two-proportion';
  } else {
    // The history the limit is drawn from ends with the month before: the change under test must not widen its own limit.
    const history = months
      .filter((m) => !m.partial && m.period < basis.month)
      .map((m) => m.values[kpi.id])
      .filter((v): v is KpiValue => v !== undefined && v.value !== null && !v.smallSample)
      .map((v) => v.value as number);
    strength = movingRangeStrength(history, a.value, b.value);
    test = 'moving range';
  }
  if (strength === undefined) return undefined;
  return { pmId, kpi, before: a.value, after: b.value, nBefore: a.n, nAfter: b.n, trend, strength, test };
}

/** Every change beyond noise, strongest first (ties by PM then KPI id, so the order is stable). */
export function changesBeyondNoise(doc: ManagersDoc): Change[] {
  const basis = changeBasis(doc);
  if (!basis) return [];
  const kpis = doc.kpis.filter(isRanked);
  return doc.managers
    .flatMap((pm) => kpis.map((kpi) => pmChange(kpi, pm.months ?? [], basis, pm.id)))
    .filter((c): c is Change => c !== undefined && c.strength > 1)
    .sort((x, y) => y.strength - x.strength || x.pmId.localeCompare(y.pmId) || x.kpi.id.localeCompare(y.kpi.id));
}
