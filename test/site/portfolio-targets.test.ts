import { describe, expect, it } from 'vitest';
import type { AlignmentDoc } from '../../functions/contract/documents.ts';
import { portfolioAlignmentDefs } from '../../site/src/lib/alignment-charts.ts';

describe('portfolio alignment charts', () => {
  it("draw each portfolio's own targets, not the company's", () => {
    const theme = (id: string, target: number, actual: number) => ({ id, name: id, target, actual, hours: actual * 10 });
    const doc = {
      themes: [theme('growth', 0.3, 0.5), theme('platform', 0.5, 0.3)],
      portfolios: [
        { name: 'Growth', totalHours: 10, unalignedHours: 0, gapScore: 0.05, targetsFrom: 'portfolio', themes: [theme('growth', 0.8, 0.8), theme('platform', 0.1, 0.2)] },
        { name: 'Core', totalHours: 10, unalignedHours: 0, gapScore: 0.2, targetsFrom: 'company', themes: [theme('growth', 0.3, 0.2), theme('platform', 0.5, 0.8)] },
      ],
    } as unknown as AlignmentDoc;
    const [growth, core] = portfolioAlignmentDefs(doc);
    const targets = (rows: readonly (readonly string[])[] | undefined) => rows?.map((row) => [row[0], row[1]]);
    expect(targets(growth?.table?.rows)?.slice(0, 2)).toEqual([['growth', '80%'], ['platform', '10%']]);
    expect(targets(core?.table?.rows)?.slice(0, 2)).toEqual([['growth', '30%'], ['platform', '50%']]);
  });
});
