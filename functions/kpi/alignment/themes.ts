import type { Theme } from '../../config/schema.ts';
import type { Project } from '../../domain/records.ts';

/**
 * Which strategic theme a piece of work belongs to. Themes are tried in configured order and the
 * first match wins, so every hour lands on at most one theme (categories stay exclusive).
 * All comparisons ignore case: tags are typed by hand in the sources and in the config.
 */

export const UNALIGNED = -1;

interface CompiledTheme {
  tags: ReadonlySet<string>;
  projects: ReadonlySet<string>;
  portfolios: ReadonlySet<string>;
}

export interface ThemeMatcher {
  /** Index of the matching theme in config order, or UNALIGNED. */
  match(taskTags: readonly string[], project: Project | undefined): number;
}

const lowerSet = (values: readonly string[]): ReadonlySet<string> => new Set(values.map((value) => value.toLowerCase()));

export function createThemeMatcher(themes: readonly Theme[]): ThemeMatcher {
  const compiled: CompiledTheme[] = themes.map((theme) => ({
    tags: lowerSet(theme.match.tags),
    projects: lowerSet(theme.match.projects),
    portfolios: lowerSet(theme.match.portfolios),
  }));
  return {
    match(taskTags, project) {
      const tags = [...taskTags, ...(project?.tags ?? [])].map((tag) => tag.toLowerCase());
      const projectNames = project ? [project.id, project.key, project.name] : [];
      const portfolio = project?.portfolio?.toLowerCase();
      const index = compiled.findIndex(
        (theme) =>
          tags.some((tag) => theme.tags.has(tag)) ||
          projectNames.some((name) => name !== undefined && theme.projects.has(name.toLowerCase())) ||
          (portfolio !== undefined && theme.portfolios.has(portfolio)),
      );
      return index;
    },
  };
}
