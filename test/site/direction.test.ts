import { describe, expect, it } from 'vitest';
import type { KpiDefinition } from '../../functions/contract/documents.ts';
import { goodness, isBestAtOne, judgeChange } from '../../site/src/lib/direction.ts';

/** The site judges "better" by the direction a definition publishes, not by a list of KPI ids of its own. */
const def = (id: string, higherIsBetter: boolean, direction?: KpiDefinition['direction']): KpiDefinition => ({
  id, name: id, unit: 'index', higherIsBetter, description: '', formula: '', ...(direction ? { direction } : {}),
});

describe('the site reading a KPI direction', () => {
  it('treats any KPI published as towardOne as best at 1: 0.9 beats 1.2 and 1.2 beats 0.7', () => {
    const ratio = def('someNewRatio', false, 'towardOne');
    expect(isBestAtOne(ratio)).toBe(true);
    expect(goodness(ratio, 0.9)).toBeCloseTo(-0.1, 10);
    expect(judgeChange(ratio, 1.2, 0.9)).toBe('better');
    expect(judgeChange(ratio, 1.2, 0.7)).toBe('worse');
  });

  it('follows a published direction over higherIsBetter', () => {
    expect(judgeChange(def('x', false, 'higher'), 1, 2)).toBe('better');
    expect(judgeChange(def('y', true, 'lower'), 1, 2)).toBe('worse');
  });

  it('reads a definition without direction as its higherIsBetter says (estimation accuracy: best at 1)', () => {
    expect(judgeChange(def('cycle', false), 5, 3)).toBe('better');
    expect(isBestAtOne(def('estimationAccuracy', false))).toBe(true);
  });
});
