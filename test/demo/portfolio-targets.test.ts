import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/index.ts';
import { demoPortfolioTargets, demoThemes, generateOrg } from '../../demo/generator/index.ts';
import { portfolioThemes } from '../../demo/generator/themes.ts';

describe('the demo portfolios’ own targets', () => {
  const org = generateOrg({ seed: 42, scale: 'small', asOf: '2026-03-31' });
  const targets = demoPortfolioTargets(org);

  it('are a valid config for every portfolio, keyed by the name the sources report', () => {
    const config = parseConfig({ themes: demoThemes(org), portfolioTargets: targets });
    expect(Object.keys(config.portfolioTargets).sort()).toEqual(org.portfolios.map((p) => p.name).sort());
  });

  it('put the largest target on the theme the portfolio’s projects mostly serve', () => {
    for (const portfolio of org.portfolios) {
      const own = Object.entries(targets[portfolio.name] ?? {}).sort((a, b) => b[1] - a[1]);
      expect(own[0]?.[0]).toBe(portfolioThemes[portfolio.id]?.[0]);
    }
  });
});
