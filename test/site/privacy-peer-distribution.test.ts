import { describe, expect, it } from 'vitest';
import type { KpiDefinition, KpiValue, ManagersDoc } from '../../functions/contract/documents.ts';
import { peerDistribution } from '../../site/src/lib/peer-distribution.ts';

/** Hours logged per PM, shown without names only where the PM's team reaches privacy.minGroup. */
const hoursLogged: KpiDefinition = { id: 'hoursLogged', name: 'Hours logged', unit: 'hours', higherIsBetter: true, description: '', formula: '', comparison: 'count', ranked: false };
const onTime: KpiDefinition = { id: 'onTimeRate', name: 'On time', unit: 'ratio', higherIsBetter: true, description: '', formula: '', comparison: 'rate' };
const value = (v: number | null, n = 1, extra: Partial<KpiValue> = {}): KpiValue => ({ value: v, n, smallSample: false, ...extra });

/** A PM with hours logged, an on-time rate and (when given) the people who logged time on their projects. */
function pm(id: string, hours: number, team: number | undefined, rate: number, signal: KpiValue['signal'] = 'within'): ManagersDoc['managers'][number] {
  return {
    id, name: `Name of ${id}`, projectIds: [],
    values: { hoursLogged: value(hours, 10), onTimeRate: value(rate, 10, { signal, target: 0.5 }), ...(team === undefined ? {} : { wipPerPerson: value(1, team) }) },
  };
}

function doc(managers: ManagersDoc['managers']): ManagersDoc {
  return {
    schemaVersion: 1, asOf: '2026-01-31', window: { from: '2025-11-01', to: '2026-01-31' }, kpis: [hoursLogged, onTime], managers,
    company: { hoursLogged: { mean: 1, median: 2, p25: 1, p75: 3 }, onTimeRate: { mean: 0.5, median: 0.5 } },
  };
}

describe('peerDistribution', () => {
  it('shows a PM\'s hours only when at least minGroup people logged them, and the company figures only when none is held back', () => {
    const d = doc([pm('a', 300, 7, 0.9, 'better'), pm('b', 120, 3, 0.4, 'worse'), pm('c', 200, undefined, 0.5), pm('d', 500, 5, 0.6)]);
    const hours = peerDistribution(d, hoursLogged, 5);
    expect(hours.values).toEqual([300, 500]); // b: 3 people, c: not counted
    expect(hours.hidden).toBe(2);
    expect(hours.company).toBeUndefined();
    // Every team large enough: every value, smallest first, and the published company figures.
    const big = peerDistribution(d, hoursLogged, 3);
    expect(big.values).toEqual([120, 300, 500]);
    expect(big.hidden).toBe(1);
    const all = peerDistribution(doc([pm('a', 300, 7, 0.9), pm('d', 500, 5, 0.6)]), hoursLogged, 5);
    expect(all).toMatchObject({ values: [300, 500], hidden: 0, company: { median: 2 } });
  });

  it('holds nothing back of a KPI that is not people\'s hours, and counts the PMs against the limits', () => {
    const rates = peerDistribution(doc([pm('a', 300, 7, 0.9, 'better'), pm('b', 120, 1, 0.4, 'worse'), pm('c', 200, undefined, 0.5)]), onTime, 5);
    expect(rates.values).toEqual([0.4, 0.5, 0.9]);
    expect(rates.hidden).toBe(0);
    expect(rates.positions).toEqual({ above: 1, within: 1, below: 1 });
    expect(rates.company?.median).toBe(0.5);
  });
});
