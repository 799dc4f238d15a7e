import { existsSync } from 'node:fs';
import type { Config, ProjectRule } from '../../config/index.ts';
import type { Project } from '../../domain/index.ts';
import { applyProjectRules, ruleMatches } from '../../kpi/index.ts';
import { openStore } from '../../store/index.ts';

/**
 * What `config check` says about `projectRules`. Without projects (an empty or unreadable store)
 * it still reports what the config alone shows: a rule with the same match as an earlier one
 * never decides anything. With the store's projects it reports each rule that matches no project,
 * and each that matches some but is always outranked by a more specific rule.
 */

export type StoredProjects = { projects: Project[] } | { unavailable: string };

/** The store's projects; an embedded store not created yet counts as empty and is not created. */
export async function readStoredProjects(config: Config): Promise<StoredProjects> {
  if (config.store.type === 'embedded' && !existsSync(config.store.dir)) return { projects: [] };
  try {
    const store = await openStore(config.store);
    try {
      const projects: Project[] = [];
      for await (const page of store.scanRecords('project')) projects.push(...(page as Project[]));
      return { projects };
    } finally {
      await store.close();
    }
  } catch (error) {
    return { unavailable: error instanceof Error ? error.message : String(error) };
  }
}

/** Warnings from the rules alone: a rule whose match an earlier rule repeats, setting all it sets, never decides. */
export function duplicateRuleLines(rules: readonly ProjectRule[]): string[] {
  const lines: string[] = [];
  rules.forEach((rule, index) => {
    const earlier = rules.findIndex((other, at) => at < index && sameMatch(other, rule) && covers(other, rule));
    if (earlier >= 0) lines.push(`projectRules[${index}]: the same match as projectRules[${earlier}], which comes first: it never decides anything`);
  });
  return lines;
}

/** Warnings against the stored projects (as the sources delivered them, before any rule). */
export function coverageLines(rules: readonly ProjectRule[], projects: readonly Project[]): string[] {
  const owned = applyProjectRules(projects, rules);
  const lines: string[] = [];
  rules.forEach((rule, index) => {
    const matched = projects.filter((project) => ruleMatches(rule, project));
    if (matched.length === 0) {
      lines.push(`projectRules[${index}]: matches none of the ${projects.length} projects in the store`);
      return;
    }
    if (rule.pm !== undefined && !owned.some((project) => project.pmFrom === `projectRules[${index}]`)) {
      lines.push(`projectRules[${index}]: matches ${matched.length} project(s), but a more specific or earlier rule decides the PM of each`);
    }
  });
  return lines;
}

/** Two matches are the same when they give the same keys with the same values (any case, but the name pattern as written). */
function sameMatch(a: ProjectRule, b: ProjectRule): boolean {
  const text = ({ match }: ProjectRule) =>
    JSON.stringify(['source', 'project', 'category', 'name'].map((key) => {
      const value = match[key as keyof typeof match];
      return key === 'name' ? value : value?.toLowerCase();
    }));
  return text(a) === text(b);
}

/** The earlier rule sets everything the later one sets, so the later one never decides. */
function covers(earlier: ProjectRule, later: ProjectRule): boolean {
  return (later.pm === undefined || earlier.pm !== undefined) && (later.portfolio === undefined || earlier.portfolio !== undefined);
}
