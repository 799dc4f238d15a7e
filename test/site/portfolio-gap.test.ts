import { describe, expect, it } from 'vitest';
import type { AlignmentDoc } from '../../functions/contract/documents.ts';
import { mainCauses, projectGapRows } from '../../site/src/lib/portfolio-gap.ts';

/**
 * A portfolio's gap split over its projects, by hand (the Core portfolio of
 * test/kpi/portfolio-targets.test.ts): targets growth 0.3, platform 0.5.
 *   C1: growth 2, platform 6, unaligned 2 (10 h)    C2: platform 6, unaligned 2 (8 h)    H = 18 h
 *   actual growth 2/18 (under: sign −1), platform 12/18 (over: +1), unaligned 4/18
 *   gap = (|0.1111 − 0.3| + |0.6667 − 0.5| + 0.2222) / 2 = 0.2889
 *   C1: ½ (−(2 − 0.3 × 10) + (6 − 0.5 × 10) + 2) / 18 = ½ × 4 / 18 = 0.1111
 *   C2: ½ (−(0 − 0.3 × 8) + (6 − 0.5 × 8) + 2) / 18 = ½ × 6.4 / 18 = 0.1778
 */
const core = {
  name: 'Core', totalHours: 18, unalignedHours: 4, gapScore: 0.2889,
  themes: [
    { id: 'growth', name: 'Growth', target: 0.3, actual: 0.1111, hours: 2 },
    { id: 'platform', name: 'Platform', target: 0.5, actual: 0.6667, hours: 12 },
  ],
} as AlignmentDoc['portfolios'][number];
const mixes = [
  { id: 'jira:C1', totalHours: 10, unalignedHours: 2, themes: [{ id: 'growth', hours: 2 }, { id: 'platform', hours: 6 }] },
  { id: 'jira:C2', totalHours: 8, unalignedHours: 2, themes: [{ id: 'platform', hours: 6 }] },
];

describe("a portfolio's gap split over its projects", () => {
  it('gives each project its part, largest first, matching the hand computation', () => {
    const rows = projectGapRows(core, mixes);
    expect(rows.map((r) => r.id)).toEqual(['jira:C2', 'jira:C1']);
    expect(rows[0]!.gapPart).toBeCloseTo(3.2 / 18, 10);
    expect(rows[1]!.gapPart).toBeCloseTo(2 / 18, 10);
    expect(rows[1]!.themeHours).toEqual([2, 6]);
    expect(rows[0]!.themeHours).toEqual([0, 6]);
  });

  it("adds up to the portfolio's gap score", () => {
    const sum = projectGapRows(core, mixes).reduce((total, r) => total + r.gapPart, 0);
    expect(sum).toBeCloseTo(core.gapScore, 4);
  });

  it('names as main causes the largest parts until they cover half the gap', () => {
    expect(mainCauses(projectGapRows(core, mixes), core.gapScore).map((r) => r.id)).toEqual(['jira:C2']);
    // A project that pulls toward the targets is never a cause.
    const toward = [{ id: 'jira:C3', totalHours: 10, unalignedHours: 0, themes: [{ id: 'growth', hours: 10 }] }];
    const [row] = projectGapRows(core, toward);
    expect(row!.gapPart).toBeLessThan(0);
    expect(mainCauses([row!], core.gapScore)).toEqual([]);
  });
});
