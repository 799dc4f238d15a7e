import { describe, expect, it } from 'vitest';
import type { CompanyStat, KpiDefinition, ManagersDoc } from '../../functions/contract/documents.ts';
import { headlineBasis, headlines } from '../../site/src/lib/headline.ts';

/**
 * The overview tiles compare like with like: as of 5 December, December holds 5 days, so the
 * tiles show November (the last complete month) against October, never December against November.
 * Company figures are the mean of the PMs' values; two PMs, by hand:
 *
 *   on-time  Oct: (0.60 + 0.80) / 2 = 0.70   Nov: (0.70 + 0.80) / 2 = 0.75   Dec (5 days): (0 + 0.4) / 2 = 0.20
 *   slip     Oct: (2.5 + 4.0) / 2  = 3.25    Nov: (2.0 + 3.0) / 2  = 2.5     Dec (5 days): (0.5 + 0.44) / 2 = 0.47
 *   hours    Oct: (700 + 800) / 2  = 750     Nov: (760 + 840) / 2  = 800     Dec (5 days): (70 + 90) / 2 = 80
 *
 *   November against October: on-time +0.05 → "+5 pp" (higher is better: better);
 *   slip 2.5 − 3.25 = −0.75 → "-0.75 d" (lower is better: better);
 *   hours 800 − 750 = +50 → "+50 h", a count that grows with the book: not judged.
 */

const kpi = (id: string, unit: KpiDefinition['unit'], higherIsBetter: boolean): KpiDefinition => ({ id, name: id, unit, higherIsBetter, description: '', formula: '' });
const kpis = [kpi('onTimeRate', 'ratio', true), kpi('slipDaysMean', 'days', false), kpi('hoursLogged', 'hours', true)];
const stat = (mean: number): CompanyStat => ({ mean, median: mean });
const month = (period: string, onTime: number, slip: number, hours: number, to?: string) => ({
  period,
  ...(to ? { partial: true as const, to } : {}),
  values: { onTimeRate: stat(onTime), slipDaysMean: stat(slip), hoursLogged: stat(hours) },
});
const october = month('2026-10', (0.6 + 0.8) / 2, (2.5 + 4.0) / 2, (700 + 800) / 2);
const november = month('2026-11', (0.7 + 0.8) / 2, (2.0 + 3.0) / 2, (760 + 840) / 2);

function doc(asOf: string, companyMonths: ManagersDoc['companyMonths']): ManagersDoc {
  // The window figures differ from every month's, so a tile falling back to them is visible.
  const company = { onTimeRate: stat(0.9), slipDaysMean: stat(9), hoursLogged: stat(9000) };
  return { schemaVersion: 1, asOf, window: { from: '2026-09-07', to: asOf }, kpis, managers: [], company, companyMonths };
}

const view = (doc: ManagersDoc) => headlines(doc).map((h) => [h.kpi.id, h.value, h.basis, h.change ?? null, h.trend ?? null]);

describe('headlines', () => {
  it('compares the last complete month with the one before when the as-of month is partial', () => {
    const asOfFifth = doc('2026-12-05', [october, november, month('2026-12', (0 + 0.4) / 2, (0.5 + 0.44) / 2, (70 + 90) / 2, '2026-12-05')]);
    expect(view(asOfFifth)).toEqual([
      ['onTimeRate', '75%', 'mean of PMs, November 2026 (complete month)', '+5 pp vs October 2026', 'better'],
      ['slipDaysMean', '2.5 d', 'mean of PMs, November 2026 (complete month)', '-0.75 d vs October 2026', 'better'],
      ['hoursLogged', '800 h', 'mean of PMs, November 2026 (complete month)', '+50 h vs October 2026', null],
    ]);
    expect(headlineBasis(asOfFifth)).toEqual({ month: 'November 2026', previous: 'October 2026', partial: 'December 2026 (partial: to 5 Dec)' });
  });

  it('takes the as-of month when the as-of date is its last day', () => {
    // December whole: on-time (0.9 + 0.7) / 2 = 0.8 against November 0.75 → +5 pp.
    const asOfLastDay = doc('2026-12-31', [october, november, month('2026-12', (0.9 + 0.7) / 2, 2.5, 800)]);
    expect(view(asOfLastDay)[0]).toEqual(['onTimeRate', '80%', 'mean of PMs, December 2026 (complete month)', '+5 pp vs November 2026', 'better']);
    expect(headlineBasis(asOfLastDay)).toEqual({ month: 'December 2026', previous: 'November 2026' });
  });

  it('shows one complete month without a change, and the window mean when no month is complete', () => {
    const oneWhole = doc('2026-12-05', [november, month('2026-12', 0.2, 0.47, 80, '2026-12-05')]);
    expect(view(oneWhole)[0]).toEqual(['onTimeRate', '75%', 'mean of PMs, November 2026 (complete month)', null, null]);
    const noneWhole = doc('2026-12-05', [month('2026-12', 0.2, 0.47, 80, '2026-12-05')]);
    expect(view(noneWhole)[0]).toEqual(['onTimeRate', '90%', 'mean of PMs, window 2026-09-07 to 2026-12-05', null, null]);
    expect(headlineBasis(noneWhole)).toBeUndefined();
  });

  it('calls a change too small to show unchanged, not better or worse beside a 0', () => {
    // Slip 2.5 → 2.504: "+0" at two decimals would read "0 d (worse)"; on-time 0.75 → 0.752: "0 pp".
    const tiny = doc('2026-12-31', [november, month('2026-12', 0.752, 2.504, 800)]);
    const [onTime, slip] = view(tiny);
    expect(onTime!.slice(3)).toEqual(['0 pp vs November 2026', 'same']);
    expect(slip!.slice(3)).toEqual(['0 d vs November 2026', 'same']);
  });
});
