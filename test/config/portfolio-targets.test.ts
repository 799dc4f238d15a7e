import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/index.ts';
import { problemsOf } from './config-problems.ts';

const themes = [
  { id: 'growth', name: 'Growth', target: 0.3, match: { tags: ['growth'] } },
  { id: 'platform', name: 'Platform', target: 0.5, match: { tags: ['platform'] } },
];

describe('portfolioTargets in the config', () => {
  it('accepts targets per portfolio and defaults to none', () => {
    expect(parseConfig({ themes }).portfolioTargets).toEqual({});
    const config = parseConfig({ themes, portfolioTargets: { Growth: { growth: 0.8, platform: 0.1 } } });
    expect(config.portfolioTargets).toEqual({ Growth: { growth: 0.8, platform: 0.1 } });
  });

  it('names an unknown theme id with its key path', () => {
    expect(problemsOf({ themes, portfolioTargets: { Growth: { grwoth: 0.5 } } })).toEqual([
      'portfolioTargets.Growth.grwoth: unknown theme "grwoth" (themes: growth, platform)',
    ]);
  });

  it("rejects a portfolio whose targets add up to more than 1, counting the company's where it sets none", () => {
    // 0.8 + 0.3 = 1.1: its own growth target, the company's platform target.
    expect(problemsOf({ themes, portfolioTargets: { Growth: { platform: 0.8 } } })).toEqual([
      "portfolioTargets.Growth: targets add up to 1.100 (with the company's target for growth), more than 1",
    ]);
    // 0.8 + 0.3 = 1.1 with both its own.
    expect(problemsOf({ themes, portfolioTargets: { Core: { growth: 0.8, platform: 0.3 } } })).toEqual(['portfolioTargets.Core: targets add up to 1.100, more than 1']);
  });

  it('rejects a target outside 0..1', () => {
    expect(problemsOf({ themes, portfolioTargets: { Growth: { growth: 1.5 } } }).join('\n')).toContain('portfolioTargets.Growth.growth');
  });
});
