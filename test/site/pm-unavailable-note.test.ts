import { describe, expect, it } from 'vitest';
import { pmKpiRows } from '../../site/src/lib/pm-tables.ts';
import { readSnapshot } from '../../site/src/lib/snapshot.ts';
import { fixtureDir } from './helpers.ts';

/** The PM page's KPI table says why a value the sources cannot give is missing. */

const snapshot = await readSnapshot(fixtureDir);
const managers = snapshot.documents['managers.json'];
const pm = managers.managers[0]!;
// A KPI the fixture's PM has a value for (the fixture may predate some KPIs).
const kpi = managers.kpis.find((k) => pm.values[k.id]?.value !== null && pm.values[k.id] !== undefined)!.id;

describe('a PM value the sources cannot give', () => {
  it('reads "unavailable" with the reason in the note column, not a blank', () => {
    const reason = 'Linear estimates are points, not hours: no cost baseline';
    const withGap = { ...pm, values: { ...pm.values, [kpi]: { value: null, n: 0, smallSample: true, percentile: null, unavailable: reason } } };
    const row = pmKpiRows(managers, withGap).find((r) => r.kpi.id === kpi)!;
    expect(row.note).toBe(`unavailable: ${reason}`);
    expect(row.n).toBe('0');
    // A value that is there keeps its usual note.
    const other = pmKpiRows(managers, pm).find((r) => r.kpi.id === kpi)!;
    expect(other.note).not.toContain('unavailable');
  });
});
