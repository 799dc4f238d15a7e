import { describe, expect, it } from 'vitest';
import type { Forecast } from '../../functions/contract/forecasts-document.ts';
import { areaExtremes, lastMonthMix, riskiestFinding } from '../../site/src/lib/chart-findings.ts';

describe('the findings a chart names in its text alternative', () => {
  it('gives the highest and the lowest scored area, rounded as the table shows them', () => {
    const scores = [
      { area: 'Delivery', score: 111.6 },
      { area: 'Flow', score: null },
      { area: 'Effort & team', score: 174.2 },
      { area: 'Quality', score: 89.5 },
    ];
    expect(areaExtremes(scores)).toBe('highest Effort & team 174, lowest Quality 90');
    expect(areaExtremes([{ area: 'Flow', score: 120 }])).toBe('Flow 120');
    expect(areaExtremes([{ area: 'Flow', score: undefined }])).toBe('');
  });

  it('names the first forecast of a riskiest-first list with its 85 % date, due date and chance', () => {
    const f = (name: string, dueOn: string | null, probabilityByDue: number | null) => ({ name, p85: '2026-01-11', dueOn, probabilityByDue }) as Forecast;
    expect(riskiestFinding([f('Lab', '2026-01-02', 0.1), f('Other', null, null)])).toBe('riskiest Lab: 85 % by 2026-01-11, due 2026-01-02, 10% chance by due');
    expect(riskiestFinding([f('Lab', null, null)])).toBe('riskiest Lab: 85 % by 2026-01-11, no due date');
    expect(riskiestFinding([])).toBe('');
  });

  it('gives the largest theme and the unaligned share of a month: 40 of 100 h is 40 %, 10 of 100 h is 10 %', () => {
    const themes = [{ theme: 'Growth', hours: 30 }, { theme: 'Security', hours: 40 }, { theme: 'AI', hours: 20 }];
    expect(lastMonthMix('2025-11', themes, 10, 100)).toBe('in 2025-11, Security the largest at 40%, unaligned 10%');
    expect(lastMonthMix('2025-11', themes, 0, 0)).toBe('');
  });
});
