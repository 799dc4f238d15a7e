import type { PortfolioTargets, Theme } from '../../functions/config/schema.ts';
import type { DemoOrg, DemoTheme } from './model.ts';

/** The five strategic themes leadership set for the demo year, with their target effort shares. */
export const themeSeeds = [
  { id: 'growth', name: 'Customer Growth', label: 'theme-growth', target: 0.3 },
  { id: 'reliability', name: 'Platform Reliability', label: 'theme-reliability', target: 0.25 },
  { id: 'efficiency', name: 'Operational Efficiency', label: 'theme-efficiency', target: 0.15 },
  { id: 'ai', name: 'AI Enablement', label: 'theme-ai', target: 0.15 },
  { id: 'security', name: 'Security & Compliance', label: 'theme-security', target: 0.1 },
] as const;

/** Which themes each portfolio's projects mostly serve. */
export const portfolioThemes: Record<string, readonly string[]> = {
  growth: ['growth', 'growth', 'ai'],
  platform: ['reliability', 'reliability', 'security', 'ai'],
  operations: ['efficiency', 'efficiency', 'security'],
};

/**
 * The theme configuration of the demo (the `themes` key of the config file). A task matches by
 * its Jira label or Asana tag (`theme-growth`) or by the Asana `Theme` field value (the name).
 */
export function demoThemes(org: DemoOrg): Theme[] {
  return org.themes.map((theme: DemoTheme) => ({
    id: theme.id,
    name: theme.name,
    target: theme.target,
    match: { tags: [theme.label, theme.name], projects: [], portfolios: [] },
  }));
}

/**
 * Each portfolio's own targets (the `portfolioTargets` key): mostly the themes its projects serve
 * (see portfolioThemes), about a tenth left for work on no theme, as in the generated hours.
 */
const portfolioTargetSeeds: Record<string, Record<string, number>> = {
  growth: { growth: 0.6, ai: 0.25, reliability: 0.05, efficiency: 0, security: 0 },
  platform: { reliability: 0.45, security: 0.2, ai: 0.2, growth: 0.05, efficiency: 0 },
  operations: { efficiency: 0.55, security: 0.3, ai: 0.05, growth: 0, reliability: 0 },
};

/** The demo's `portfolioTargets`, keyed by portfolio name as the sources report it. */
export function demoPortfolioTargets(org: DemoOrg): PortfolioTargets {
  const targets: PortfolioTargets = {};
  for (const portfolio of org.portfolios) {
    const own = portfolioTargetSeeds[portfolio.id];
    if (own) targets[portfolio.name] = own;
  }
  return targets;
}
