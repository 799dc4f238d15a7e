import type { ProjectRule } from '../../config/project-rules.ts';
import type { Project } from '../../domain/records.ts';

/**
 * Who a project's PM is and which portfolio holds it, from the source's candidates and the
 * configured `projectRules` (precedence in functions/config/project-rules.ts and the README).
 * Pure, and run at compute time: a changed rule takes effect without a new sync.
 */

/** Where a project's PM came from, as published in projects.json (`pmFrom`). */
export type PmFrom = `projectRules[${number}]` | 'fields.pm' | 'source';

/** Person id → how many of a project's tasks name them in the PM field. */
export type FieldVotes = ReadonlyMap<string, ReadonlyMap<string, number>>;

interface IndexedRule {
  rule: ProjectRule;
  index: number;
  specificity: number;
  name: RegExp | undefined;
}

export interface OwnershipOptions {
  /** Votes of the tasks' PM field per project (Jira). */
  votes?: FieldVotes;
  /** Sources whose config names a PM field; a stored field value of any other source is ignored. Default: every source. */
  pmFieldSources?: ReadonlySet<string>;
}

/** Projects with `pmId`, `pmFrom` and `portfolio` decided; the input projects are left as they are. */
export function applyProjectRules(projects: readonly Project[], rules: readonly ProjectRule[], options: OwnershipOptions = {}): Project[] {
  const ordered = orderRules(rules);
  const votes = options.votes ?? new Map();
  return projects.map((project) => {
    const matching = ordered.filter((entry) => matches(entry, project));
    const owned: Project = { ...project };
    const pmRule = matching.find((entry) => entry.rule.pm !== undefined);
    const fieldPm = options.pmFieldSources && !options.pmFieldSources.has(project.source) ? undefined : (project.pmFieldId ?? mostVoted(votes.get(project.id)));
    if (pmRule) {
      owned.pmId = pmRule.rule.pm!;
      owned.pmFrom = `projectRules[${pmRule.index}]`;
    } else if (fieldPm !== undefined) {
      owned.pmId = fieldPm;
      owned.pmFrom = 'fields.pm';
    } else if (project.pmId !== undefined) {
      owned.pmFrom = 'source';
    }
    const portfolioRule = matching.find((entry) => entry.rule.portfolio !== undefined);
    if (portfolioRule) owned.portfolio = portfolioRule.rule.portfolio!;
    return owned;
  });
}

/** Each rule's index in the file and how specific it is; most specific first, file order within. */
function orderRules(rules: readonly ProjectRule[]): IndexedRule[] {
  return rules
    .map((rule, index) => ({ rule, index, specificity: specificityOf(rule), name: rule.match.name === undefined ? undefined : new RegExp(rule.match.name, 'i') }))
    .sort((a, b) => b.specificity - a.specificity || a.index - b.index);
}

/** project 4, name pattern 3, category 2, source alone 1: a rule counts as its most specific key. */
export function specificityOf(rule: ProjectRule): number {
  const { match } = rule;
  if (match.project !== undefined) return 4;
  if (match.name !== undefined) return 3;
  if (match.category !== undefined) return 2;
  return 1;
}

/** Every key the rule gives holds for the project (as the source delivered it, before any rule). */
export function ruleMatches(rule: ProjectRule, project: Project): boolean {
  return matches({ rule, index: 0, specificity: 0, name: rule.match.name === undefined ? undefined : new RegExp(rule.match.name, 'i') }, project);
}

function matches(entry: IndexedRule, project: Project): boolean {
  const { match } = entry.rule;
  if (match.source !== undefined && match.source !== project.source) return false;
  if (match.project !== undefined && !namesProject(match.project, project)) return false;
  if (match.category !== undefined && !sameWords(match.category, project.portfolio)) return false;
  if (entry.name !== undefined && !entry.name.test(project.name)) return false;
  return true;
}

function namesProject(ref: string, project: Project): boolean {
  return ref === project.id || ref === project.sourceId || sameWords(ref, project.key);
}

function sameWords(a: string, b: string | undefined): boolean {
  return b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The person most tasks name; a tie goes to the smallest person id, so the answer never depends on read order. */
function mostVoted(counts: ReadonlyMap<string, number> | undefined): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const [person, count] of counts ?? []) {
    if (count > bestCount || (count === bestCount && best !== undefined && person < best)) {
      best = person;
      bestCount = count;
    }
  }
  return best;
}
