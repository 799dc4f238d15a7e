import type { Theme } from '../../config/schema.ts';
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
